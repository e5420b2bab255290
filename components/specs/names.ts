/** Names that several builders, components and rules must agree on. */

/** Helm release name of the load tester; the chart names its Service after it. */
export const LOADTESTER_RELEASE = "flagger-loadtester";
/** Pod labels of the load tester (the chart labels pods `app: <chart name>`). */
export const LOADTESTER_SELECTOR = { app: "loadtester" } as const;
/** The Secret holding the Slack webhook URL, and the AlertProvider that reads it. */
export const SLACK_SECRET_NAME = "flagger-slack";
export const SLACK_PROVIDER_NAME = "slack";

export function loadtesterUrl(loadtesterNamespace: string): string {
  return `http://${LOADTESTER_RELEASE}.${loadtesterNamespace}/`;
}

/** Fully qualified in-cluster host of a Service. */
export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}

/**
 * The namespace label that turns on sidecar injection: `istio.io/rev=<tag or revision>` once
 * revisions are in use, else `istio-injection=enabled`; never both (IST0123).
 */
export function injectionLabels(selector: string | undefined): Record<string, string> {
  return selector ? { "istio.io/rev": selector } : { "istio-injection": "enabled" };
}
