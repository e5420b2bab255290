import { strict as assert } from "node:assert";
import { authorizationReferences } from "../../../policies/rules/authorizationReferences";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { namespace, object, pod } from "../objectsFixture";
import { validateStackObjects, validObjects } from "../policyHarness";

const messages = (objects: K8sObject[]) => validateStackObjects(authorizationReferences, objects).map((r) => r.message);
const policy = (name: string, spec: Record<string, unknown>) => object("security.istio.io/v1", "AuthorizationPolicy", name, { spec });
const fromNamespaces = (field: string, values: string[]) => ({ rules: [{ from: [{ source: { [field]: values } }] }] });

describe("authorization-references (IST0101, IST0127)", () => {
  it("passes the stack's policies, which hold neither Namespaces to match sources against nor pods", () => {
    assert.deepEqual(messages(validObjects().filter((o) => o.kind !== "Namespace")), []);
  });

  it("flags source (not)namespace expressions no Namespace among the objects matches, only when there are Namespaces", () => {
    const sources = policy("shop/p", {
      rules: [{ from: [{ source: { namespaces: ["prod-*", "*-test", "shop", "*", "bogus-*"], notNamespaces: ["*-bogus"] } }] }],
    });
    assert.deepEqual(messages([sources]), []);
    assert.deepEqual(messages([sources, namespace("prod-eu"), namespace("qa-test"), namespace("shop")]), [
      'AuthorizationPolicy shop/p: rules[0].from[0].source.namespaces[4] "bogus-*" matches no namespace (IST0101)',
      'AuthorizationPolicy shop/p: rules[0].from[0].source.notNamespaces[0] "*-bogus" matches no namespace (IST0101)',
    ]);
    assert.deepEqual(messages([policy("shop/q", fromNamespaces("namespaces", ["SHOP"])), namespace("shop")]), []);
  });

  it("flags a policy that selects no workload in the mesh, only when the objects hold pods", () => {
    const objects = [
      namespace("shop", { "istio-injection": "enabled" }),
      namespace("plain"),
      pod("shop/cart-1", { app: "cart" }),
      pod("plain/batch-1", { app: "batch" }),
      pod("plain/proxied-1", { app: "proxied" }, { spec: { containers: [{ name: "istio-proxy" }] } }),
      policy("shop/cart", { selector: { matchLabels: { app: "cart" } } }),
      policy("shop/bogus", { selector: { matchLabels: { app: "bogus" } } }),
      policy("plain/batch", { selector: { matchLabels: { app: "batch" } } }),
      policy("plain/proxied", { selector: { matchLabels: { app: "proxied" } } }),
      policy("empty/all", {}),
      policy("istio-system/mesh-all", {}),
      policy("istio-system/mesh-cart", { selector: { matchLabels: { app: "cart" } } }),
      policy("istio-system/mesh-bogus", { selector: { matchLabels: { app: "bogus" } } }),
    ];
    assert.deepEqual(messages(objects), [
      'AuthorizationPolicy shop/bogus: selects no workload in the mesh in namespace shop with {"app":"bogus"} (IST0127)',
      'AuthorizationPolicy plain/batch: selects no workload in the mesh in namespace plain with {"app":"batch"} (IST0127)',
      "AuthorizationPolicy empty/all: selects no workload in the mesh in namespace empty (IST0127)",
      'AuthorizationPolicy istio-system/mesh-bogus: selects no workload anywhere in the mesh with {"app":"bogus"} (IST0127)',
    ]);
  });
});
