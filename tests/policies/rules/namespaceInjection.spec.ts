import { strict as assert } from "node:assert";
import { namespaceInjection } from "../../../policies/rules/namespaceInjection";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateStackObjects, validObjects, withField } from "../policyHarness";

describe("namespace-injection", () => {
  const messages = (objects: K8sObject[], config = {}) => validateStackObjects(namespaceInjection, objects, config).map((r) => r.message);

  it("passes the fixture, whose namespaces carry the revision label", () => {
    assert.deepEqual(messages(validObjects()), []);
  });

  it("flags a namespace holding mesh objects without the injection label (IST0102)", () => {
    const objects = validObjects().map((o) =>
      o.kind === "Namespace" && o.metadata.name === "shop" ? withField(o, "metadata.labels", { team: "checkout" }) : o,
    );
    assert.deepEqual(messages(objects), ["Namespace shop: holds mesh objects but is not labelled for sidecar injection (IST0102)"]);
  });

  it("flags both injection labels on one namespace (IST0123)", () => {
    const objects = validObjects().map((o) =>
      o.kind === "Namespace" && o.metadata.name === "search" ? withField(o, "metadata.labels.istio-injection", "enabled") : o,
    );
    assert.deepEqual(messages(objects), ["Namespace search: has both istio-injection and istio.io/rev labels (IST0123): pick one"]);
  });

  it("flags mesh objects in a namespace that is not declared, unless exempt", () => {
    const objects = validObjects().filter((o) => !(o.kind === "Namespace" && o.metadata.name === "search"));
    assert.deepEqual(messages(objects), [
      "PeerAuthentication search/default: its namespace search is not declared with it, so its injection label cannot be checked",
    ]);
    assert.deepEqual(messages(objects, { exemptNamespaces: ["search"] }), []);
  });
});
