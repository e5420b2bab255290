/**
 * Where Istio publishes its charts and images, and the homes it retired. The stack config
 * validation and the pack's `istio-retired-homes` rule both read this list, so a home is retired
 * in one place.
 *
 * Istio removes charts from its Google Cloud Storage bucket and images from `gcr.io/istio-release`
 * and `registry.istio.io` in December 2026 (1.31 and later were never published there): a fresh
 * `pulumi up`, or a pod rescheduled, that still points at them fails.
 */

/** Istio's Helm chart repository. */
export const ISTIO_CHART_REPOSITORY = "https://blob.istio.io/istio-release/charts";
/** The same charts as an OCI registry (`chart` becomes `oci://…/charts/<name>`). */
const ISTIO_OCI_CHART_REPOSITORY = "oci://ghcr.io/istio/release/charts";
/** Istio's image hub (`hub` and `global.hub` of the charts). */
export const ISTIO_IMAGE_HUB = "docker.io/istio";

export interface RetiredHome {
  /** Host, or host and path, the home starts with. */
  home: string;
  what: "chart repository" | "image registry";
  /** Where the same artifacts live now. */
  useInstead: string;
}

const RETIRED_ISTIO_HOMES: readonly RetiredHome[] = [
  {
    home: "istio-release.storage.googleapis.com",
    what: "chart repository",
    useInstead: `${ISTIO_CHART_REPOSITORY} or ${ISTIO_OCI_CHART_REPOSITORY}`,
  },
  { home: "gcr.io/istio-release", what: "image registry", useInstead: ISTIO_IMAGE_HUB },
  { home: "registry.istio.io", what: "image registry", useInstead: ISTIO_IMAGE_HUB },
];

/**
 * The retired home a chart repository URL, OCI reference, image hub or image names, if any:
 * `https://istio-release.storage.googleapis.com/charts`, `gcr.io/istio-release/pilot:1.30.3` and
 * `registry.istio.io/release` all do; `myregistry.istio.io.example/x` does not.
 */
export function retiredHomeOf(reference: string): RetiredHome | undefined {
  const withoutScheme = reference
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  return RETIRED_ISTIO_HOMES.find(({ home }) => {
    if (!withoutScheme.startsWith(home)) {
      return false;
    }
    const next = withoutScheme.charAt(home.length);
    return next === "" || next === "/" || next === ":";
  });
}

/** The charts Istio publishes. */
const ISTIO_CHART_NAMES: ReadonlySet<string> = new Set(["base", "istiod", "gateway", "cni", "ztunnel"]);

/**
 * Whether a chart installation is one of Istio's: an Istio chart name from a repository whose
 * address says istio (Istio's homes, current or retired, and the mirrors teams name after them).
 */
export function isIstioChart(chart: { chart: string; repository?: string }): boolean {
  return ISTIO_CHART_NAMES.has(chart.chart) && /istio/i.test(chart.repository ?? "");
}

/** One sentence for a message: what was named, why it fails, what to use. */
export function retiredHomeAdvice(home: RetiredHome): string {
  return `${home.home} is a retired Istio ${home.what} (removed in December 2026); use ${home.useInstead}`;
}
