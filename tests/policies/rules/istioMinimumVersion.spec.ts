import { strict as assert } from "node:assert";
import { istioMinimumVersion } from "../../../policies/rules/istioMinimumVersion";
import { defaultsOf } from "../../../policies/rules/rule";
import { policyResource, validateResource } from "../policyHarness";

const V4 = "kubernetes:helm.sh/v4:Chart";
const REPO = { repositoryOpts: { repo: "https://blob.istio.io/istio-release/charts" } };
const chart = (chart: string, version: string, props: Record<string, unknown> = REPO) =>
  policyResource(V4, `${chart}-${version}`, { chart, version, values: {}, ...props });

describe("istio-minimum-version", () => {
  it("is advisory by default, with 1.30 as the oldest supported minor", () => {
    assert.equal(istioMinimumVersion.enforcementLevel, "advisory");
    assert.deepEqual(defaultsOf(istioMinimumVersion), { minimumVersion: "1.30" });
  });

  it("passes Istio charts at or above the minimum", () => {
    for (const resource of [chart("istiod", "1.30.5"), chart("base", "1.31.1"), chart("gateway", "2.0.0")]) {
      assert.deepEqual(validateResource(istioMinimumVersion, resource), []);
    }
  });

  it("flags an Istio chart below the minimum, by repository or OCI reference", () => {
    assert.deepEqual(validateResource(istioMinimumVersion, chart("istiod", "1.29.4")), [
      "Helm chart istiod 1.29.4: Istio 1.29.4 is below the supported minimum 1.30: upgrade it (docs/upgrading-istio.md)",
    ]);
    const oci = chart("oci://ghcr.io/istio/release/charts/gateway", "v1.28.0", {});
    assert.deepEqual(validateResource(istioMinimumVersion, oci), [
      "Helm chart gateway v1.28.0: Istio v1.28.0 is below the supported minimum 1.30: upgrade it (docs/upgrading-istio.md)",
    ]);
  });

  it("applies a configured minimum", () => {
    assert.deepEqual(validateResource(istioMinimumVersion, chart("base", "1.30.5"), { minimumVersion: "1.31" }), [
      "Helm chart base 1.30.5: Istio 1.30.5 is below the supported minimum 1.31: upgrade it (docs/upgrading-istio.md)",
    ]);
    assert.deepEqual(validateResource(istioMinimumVersion, chart("base", "1.31.0"), { minimumVersion: "1.31" }), []);
  });

  it("leaves other charts, and versions it cannot read, to other rules", () => {
    const otherGateway = chart("gateway", "0.3.0", { repositoryOpts: { repo: "https://charts.example/envoy" } });
    const flagger = chart("flagger", "1.0.0", { repositoryOpts: { repo: "https://flagger.app" } });
    const ranged = chart("istiod", "^1.20");
    for (const resource of [otherGateway, flagger, ranged]) {
      assert.deepEqual(validateResource(istioMinimumVersion, resource), []);
    }
  });
});
