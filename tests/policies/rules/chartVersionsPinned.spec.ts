import { strict as assert } from "node:assert";
import { chartVersionsPinned } from "../../../policies/rules/chartVersionsPinned";
import { policyResource, validateResource } from "../policyHarness";

const CHART = "kubernetes:helm.sh/v4:Chart";

const base = policyResource(CHART, "istio-base", { chart: "base", version: "1.30.3" });

const flagger = policyResource(CHART, "flagger", { chart: "flagger", version: "1.44.0" });

const canary = (dependencies = [flagger]) =>
  policyResource("kubernetes:flagger.app/v1beta1:Canary", "web", { apiVersion: "flagger.app/v1beta1", kind: "Canary" }, { dependencies });

describe("chart-versions-pinned", () => {
  it("passes exact versions and flags ranges and missing versions", () => {
    const ranged = policyResource(CHART, "ranged", { chart: "gateway", version: "^1.30", name: "istio-ingressgateway" });
    const unversioned = policyResource("kubernetes:helm.sh/v3:Release", "loose", { chart: "loadtester" });
    assert.deepEqual(validateResource(chartVersionsPinned, base), []);
    assert.deepEqual(validateResource(chartVersionsPinned, flagger), []);
    assert.deepEqual(validateResource(chartVersionsPinned, ranged), [
      'Helm chart gateway ^1.30 (release istio-ingressgateway): has version "^1.30", not an exact version',
    ]);
    assert.deepEqual(validateResource(chartVersionsPinned, unversioned), [
      "Helm chart loadtester: has version undefined, not an exact version",
    ]);
  });

  it("ignores resources that are not charts", () => {
    assert.deepEqual(validateResource(chartVersionsPinned, canary()), []);
  });
});
