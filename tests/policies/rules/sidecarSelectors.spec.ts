import { strict as assert } from "node:assert";
import { sidecarSelectors } from "../../../policies/rules/sidecarSelectors";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { namespace, object, pod } from "../objectsFixture";
import { validateStackObjects, validObjects } from "../policyHarness";

const messages = (objects: K8sObject[]) => validateStackObjects(sidecarSelectors, objects).map((r) => r.message);
const sidecar = (name: string, labels?: Record<string, string>) =>
  object("networking.istio.io/v1", "Sidecar", name, {
    spec: { ...(labels ? { workloadSelector: { labels } } : {}), egress: [{ hosts: ["./*"] }] },
  });

describe("sidecar-selectors (IST0110, IST0111, IST0101, IST0167)", () => {
  it("passes the stack's Sidecars: one namespace-wide per namespace, one per pod group", () => {
    assert.deepEqual(messages(validObjects()), []);
  });

  it("flags several Sidecars without a selector in one namespace", () => {
    assert.deepEqual(messages([sidecar("shop/a"), sidecar("shop/b"), sidecar("other/c")]), [
      "Sidecar shop/a: is one of several Sidecars without a workload selector in namespace shop (a, b): proxies take one of them at random (IST0111)",
      "Sidecar shop/b: is one of several Sidecars without a workload selector in namespace shop (a, b): proxies take one of them at random (IST0111)",
    ]);
  });

  it("flags Sidecars that select one pod, by overlap among pods or by identical selectors without pods", () => {
    const overlapping = [
      sidecar("shop/by-app", { app: "cart" }),
      sidecar("shop/by-tier", { tier: "web" }),
      pod("shop/cart-1", { app: "cart", tier: "web" }),
    ];
    assert.deepEqual(messages(overlapping), [
      "Sidecar shop/by-app: selects Pod shop/cart-1 together with by-tier: its proxy takes one of them at random (IST0110)",
      "Sidecar shop/by-tier: selects Pod shop/cart-1 together with by-app: its proxy takes one of them at random (IST0110)",
    ]);
    assert.deepEqual(messages([sidecar("shop/one", { app: "cart" }), sidecar("shop/two", { app: "cart" })]), [
      "Sidecar shop/one: has the same workloadSelector as two: their pods' proxies take one of them at random (IST0110)",
      "Sidecar shop/two: has the same workloadSelector as one: their pods' proxies take one of them at random (IST0110)",
    ]);
  });

  it("flags a selector that picks no pod only when the objects hold pods, in its own namespace", () => {
    assert.deepEqual(messages([sidecar("shop/cart", { app: "cart" })]), []);
    assert.deepEqual(messages([sidecar("shop/cart", { app: "cart" }), pod("other/cart-1", { app: "cart" })]), [
      "Sidecar shop/cart: workloadSelector app=cart selects no pod in namespace shop (IST0101)",
    ]);
  });

  it("flags Sidecars in an ambient namespace or for ambient pods, which have no sidecar", () => {
    const objects = [
      namespace("mesh-ambient", { "istio.io/dataplane-mode": "ambient" }),
      namespace("mixed", { "istio.io/dataplane-mode": "ambient", "istio-injection": "enabled" }),
      sidecar("mesh-ambient/all"),
      sidecar("mixed/all"),
      sidecar("mesh-ambient/pods", { app: "z" }),
      pod("mesh-ambient/z-1", { app: "z" }, { annotations: { "ambient.istio.io/redirection": "enabled" } }),
    ];
    assert.deepEqual(messages(objects), [
      "Sidecar mesh-ambient/all: is in ambient namespace mesh-ambient, whose pods have no sidecar: it has no effect (IST0167)",
      "Sidecar mesh-ambient/pods: selects ambient pods, which have no sidecar: it has no effect (IST0167)",
    ]);
  });
});
