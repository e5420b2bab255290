import { strict as assert } from "node:assert";
import { injectionOptOut } from "../../../policies/rules/injectionOptOut";
import { object, pod } from "../objectsFixture";
import { validateObject, validObjects } from "../policyHarness";

const deployment = (annotations: Record<string, string>, labels: Record<string, string> = { app: "x" }) =>
  object("apps/v1", "Deployment", "shop/x", {
    spec: { selector: { matchLabels: { app: "x" } }, template: { metadata: { labels, annotations }, spec: {} } },
  });

describe("injection-opt-out", () => {
  it("passes the stack's objects, pods asking for a sidecar or saying nothing, and exempt namespaces", () => {
    for (const o of validObjects()) {
      assert.deepEqual(validateObject(injectionOptOut, o), [], o.metadata.name);
    }
    assert.deepEqual(validateObject(injectionOptOut, pod("shop/a", {}, { annotations: { "sidecar.istio.io/inject": "true" } })), []);
    assert.deepEqual(validateObject(injectionOptOut, deployment({})), []);
    assert.deepEqual(
      validateObject(injectionOptOut, deployment({ "sidecar.istio.io/inject": "false" }), { exemptNamespaces: ["shop"] }),
      [],
    );
  });

  it("flags a Pod or a workload's template opting out, by annotation or label", () => {
    assert.deepEqual(validateObject(injectionOptOut, pod("shop/a", {}, { annotations: { "sidecar.istio.io/inject": "false" } })), [
      'Pod shop/a: metadata.annotations set sidecar.istio.io/inject: "false": its pods run without a sidecar, outside the mesh',
    ]);
    assert.deepEqual(validateObject(injectionOptOut, deployment({}, { app: "x", "sidecar.istio.io/inject": "false" })), [
      'Deployment shop/x: its pod template\'s metadata.labels set sidecar.istio.io/inject: "false": its pods run without a sidecar, outside the mesh',
    ]);
  });
});
