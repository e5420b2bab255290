/**
 * Chart versions and repositories the platform is built and tested against. A stack may pin other
 * exact versions under `versions`, but never a range: what is reviewed is what is installed.
 */
export const PINNED_VERSIONS = {
  /** Istio charts base, istiod and gateway share the Istio version. */
  istio: "1.30.3",
  flagger: "1.44.0",
  loadtester: "0.38.0",
} as const;

export const CHART_REPOSITORIES = {
  istio: "https://istio-release.storage.googleapis.com/charts",
  flagger: "https://flagger.app",
} as const;
