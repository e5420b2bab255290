import { strict as assert } from "node:assert";
import { canaryAmbient } from "../../../policies/rules/canaryAmbient";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateStackObjects, validObjects, withField } from "../policyHarness";

const messages = (objects: K8sObject[]) => validateStackObjects(canaryAmbient, objects).map((r) => r.message);

describe("canary-ambient", () => {
  it("passes Canaries in sidecar namespaces", () => {
    assert.deepEqual(messages(validObjects()), []);
  });

  it("flags a Canary in an ambient namespace", () => {
    const ambient = validObjects().map((o) =>
      o.kind === "Namespace" && o.metadata.name === "search"
        ? withField(o, "metadata.labels", { "istio.io/dataplane-mode": "ambient" })
        : o,
    );
    assert.deepEqual(messages(ambient), [
      "Canary search/search-api: namespace search is ambient (istio.io/dataplane-mode=ambient): Flagger cannot route this canary",
    ]);
  });
});
