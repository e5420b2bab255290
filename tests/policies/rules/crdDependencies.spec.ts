import { strict as assert } from "node:assert";
import { crdDependencies } from "../../../policies/rules/crdDependencies";
import { policyResource, validateResources } from "../policyHarness";

const CHART = "kubernetes:helm.sh/v4:Chart";

const base = policyResource(CHART, "istio-base", { chart: "base", version: "1.30.3" });

const flagger = policyResource(CHART, "flagger", { chart: "flagger", version: "1.44.0" });

const canary = (dependencies = [flagger]) =>
  policyResource("kubernetes:flagger.app/v1beta1:Canary", "web", { apiVersion: "flagger.app/v1beta1", kind: "Canary" }, { dependencies });

describe("crd-dependencies", () => {
  it("passes custom resources that depend on the chart shipping their CRD", () => {
    const rule = policyResource("kubernetes:networking.istio.io/v1:DestinationRule", "dr", {}, { dependencies: [base] });
    assert.deepEqual(validateResources(crdDependencies, [base, flagger, canary(), rule]), []);
  });

  it("recognizes a chart installed by OCI reference by its name", () => {
    const ociBase = policyResource(CHART, "istio-base", { chart: "oci://ghcr.io/istio/release/charts/base", version: "1.31.1" });
    const rule = policyResource("kubernetes:networking.istio.io/v1:DestinationRule", "dr", {}, { dependencies: [ociBase] });
    assert.deepEqual(validateResources(crdDependencies, [ociBase, rule]), []);
  });

  it("flags a custom resource without that dependency, on its URN", () => {
    const orphan = canary([base]);
    assert.deepEqual(validateResources(crdDependencies, [base, flagger, orphan]), [
      { message: "depends on none of the charts that ship its CRD (flagger)", urn: orphan.urn },
    ]);
  });

  it("skips built-in kinds, Prometheus Operator kinds and objects rendered by a chart", () => {
    const namespace = policyResource("kubernetes:core/v1:Namespace", "ns", {});
    const monitor = policyResource("kubernetes:monitoring.coreos.com/v1:PodMonitor", "pm", {});
    const chartChild = policyResource("kubernetes:networking.istio.io/v1:Gateway", "gw", {}, { parent: base });
    assert.deepEqual(validateResources(crdDependencies, [namespace, monitor, chartChild]), []);
  });
});
