import { strict as assert } from "node:assert";
import { istioRetiredHomes } from "../../../policies/rules/istioRetiredHomes";
import { policyResource, validateResource } from "../policyHarness";

const V4 = "kubernetes:helm.sh/v4:Chart";
const istiod = (props: Record<string, unknown>) =>
  policyResource(V4, "istio-istiod", { chart: "istiod", version: "1.31.1", name: "istiod", values: {}, ...props });
const BUCKET_ADVICE =
  "istio-release.storage.googleapis.com is a retired Istio chart repository (removed in December 2026); " +
  "use https://blob.istio.io/istio-release/charts or oci://ghcr.io/istio/release/charts";

describe("istio-retired-homes", () => {
  it("passes charts and images from Istio's current homes, and mirrors", () => {
    for (const resource of [
      istiod({ repositoryOpts: { repo: "https://blob.istio.io/istio-release/charts" }, values: { hub: "docker.io/istio" } }),
      istiod({ chart: "oci://ghcr.io/istio/release/charts/istiod", values: { global: { hub: "docker.io/istio" } } }),
      istiod({ repositoryOpts: { repo: "https://charts.example/istio" }, values: { hub: "myregistry.istio.io.example/istio" } }),
    ]) {
      assert.deepEqual(validateResource(istioRetiredHomes, resource), []);
    }
  });

  it("flags a chart from the retired storage bucket", () => {
    const resource = istiod({ repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" } });
    assert.deepEqual(validateResource(istioRetiredHomes, resource), [
      `Helm chart istiod 1.31.1 (release istiod): comes from https://istio-release.storage.googleapis.com/charts: ${BUCKET_ADVICE}`,
    ]);
  });

  it("flags an OCI chart reference into gcr.io/istio-release, and a helm.v3.Chart fetched from the bucket", () => {
    const oci = istiod({ chart: "oci://gcr.io/istio-release/charts/istiod" });
    assert.deepEqual(validateResource(istioRetiredHomes, oci), [
      "Helm chart istiod 1.31.1 (release istiod): comes from oci://gcr.io/istio-release/charts: gcr.io/istio-release is a retired " +
        "Istio image registry (removed in December 2026); use docker.io/istio",
    ]);
    const v3 = policyResource("kubernetes:helm.sh/v3:Chart", "base", {
      chart: "base",
      version: "1.30.3",
      fetchOpts: { repo: "https://istio-release.storage.googleapis.com/charts" },
    });
    assert.deepEqual(validateResource(istioRetiredHomes, v3), [
      `Helm chart base 1.30.3: comes from https://istio-release.storage.googleapis.com/charts: ${BUCKET_ADVICE}`,
    ]);
  });

  it("flags values that pull images from a retired registry, wherever they are", () => {
    const resource = istiod({
      repositoryOpts: { repo: "https://blob.istio.io/istio-release/charts" },
      values: { global: { hub: "gcr.io/istio-release" }, extraImages: [{ image: "registry.istio.io/release/proxyv2:1.30.3" }] },
    });
    assert.deepEqual(validateResource(istioRetiredHomes, resource), [
      'Helm chart istiod 1.31.1 (release istiod): values.global.hub is "gcr.io/istio-release": gcr.io/istio-release is a retired ' +
        "Istio image registry (removed in December 2026); use docker.io/istio",
      'Helm chart istiod 1.31.1 (release istiod): values.extraImages[0].image is "registry.istio.io/release/proxyv2:1.30.3": ' +
        "registry.istio.io is a retired Istio image registry (removed in December 2026); use docker.io/istio",
    ]);
  });

  it("judges charts of any project, and ignores resources that are not charts", () => {
    const other = policyResource(V4, "app", { chart: "app", version: "1.0.0", values: { image: "gcr.io/istio-release/pilot:1.30.3" } });
    assert.deepEqual(validateResource(istioRetiredHomes, other), [
      'Helm chart app 1.0.0: values.image is "gcr.io/istio-release/pilot:1.30.3": gcr.io/istio-release is a retired Istio image registry ' +
        "(removed in December 2026); use docker.io/istio",
    ]);
    const namespace = policyResource("kubernetes:core/v1:Namespace", "ns", { metadata: { name: "registry.istio.io" } });
    assert.deepEqual(validateResource(istioRetiredHomes, namespace), []);
  });
});
