/**
 * The ingress gateway the platform installs (Istio's `gateway` chart, release `istio-ingressgateway`),
 * as read off the chart rendered with the stack's values: its pods' labels and its Service's
 * ports (each Service port is its own target port). Rules that need the gateway's workload when
 * the objects they judge do not hold its pods take these as the default of a threshold, the way
 * istioctl adds a default ingress gateway to a files-only analysis.
 */

/** Helm release name of the ingress gateway; the chart names its Deployment, Service and ServiceAccount after it. */
export const INGRESS_GATEWAY_RELEASE = "istio-ingressgateway";

/** The label the chart gives the gateway's pods from the release name (`istio: <name without istio->`); Gateways select it. */
export const INGRESS_GATEWAY_SELECTOR = { istio: "ingressgateway" } as const;

/** The namespace the platform installs the ingress gateway in, unless the stack names another. */
export const INGRESS_GATEWAY_NAMESPACE = "istio-ingress";

/** A gateway workload: where its pods run, their labels, and the ports its Service exposes. */
export interface GatewayWorkload {
  namespace: string;
  labels: Record<string, string>;
  ports: number[];
}

/** The installed ingress gateway: status port 15021, HTTP 80 and HTTPS 443 (the chart's `service.ports`). */
export const INSTALLED_INGRESS_GATEWAY: GatewayWorkload = {
  namespace: INGRESS_GATEWAY_NAMESPACE,
  labels: { ...INGRESS_GATEWAY_SELECTOR, app: INGRESS_GATEWAY_RELEASE },
  ports: [15021, 80, 443],
};

/** The JSON schema of a gateway workload, for the thresholds that take them. */
export const GATEWAY_WORKLOAD_SCHEMA = {
  type: "object",
  required: ["namespace", "labels", "ports"],
  properties: {
    namespace: { type: "string" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    ports: { type: "array", items: { type: "integer", minimum: 1, maximum: 65535 } },
  },
} as const;
