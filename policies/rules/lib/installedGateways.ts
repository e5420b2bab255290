/**
 * The `installedGateways` threshold of the rules that need the gateway workloads (gateway-ports,
 * gateway-conflicts, jwt-claim-routing): the gateways installed outside the objects a rule judges,
 * by default the ingress gateway the platform installs.
 */
import { GATEWAY_WORKLOAD_SCHEMA, INSTALLED_INGRESS_GATEWAY, type GatewayWorkload } from "../../vocabulary/ingressGateway";
import type { ThresholdSchema } from "../rule";

export const INSTALLED_GATEWAYS_THRESHOLD: ThresholdSchema<GatewayWorkload[]> = {
  type: "array",
  items: GATEWAY_WORKLOAD_SCHEMA,
  default: [INSTALLED_INGRESS_GATEWAY],
  description:
    "Gateway workloads installed outside the judged objects: namespace, pod labels and the ports their Service exposes " +
    `(by default the ingress gateway the platform installs: ${INSTALLED_INGRESS_GATEWAY.ports.join(", ")}).`,
};
