/**
 * Chart versions and repositories the platform is built and tested against. A stack may pin other
 * exact versions under `versions`, but never a range: what is reviewed is what is installed.
 * Istio's chart repository and image hub are stack settings (`istio.chartRepository`,
 * `istio.hub`) whose defaults live with the list of retired homes.
 */
export const PINNED_VERSIONS = {
  /** The Istio `base` chart, and istiod and the gateway when no revisions are configured. */
  istio: "1.31.1",
  flagger: "1.44.0",
  loadtester: "0.38.0",
  /** The `kiali-operator` chart; 2.31.0 is the Kiali Istio 1.31.1 ships as its addon. */
  kiali: "2.31.0",
} as const;

export const CHART_REPOSITORIES = {
  flagger: "https://flagger.app",
  kiali: "https://kiali.org/helm-charts",
} as const;
