import type { IDestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1/DestinationRule";
import type { StaticServiceConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { serviceHost } from "./names";
import { meshTrafficPolicy } from "./trafficPolicy";

export const STABLE_SUBSET = "stable";
export const CANARY_SUBSET = "canary";

/** Subsets for the static split, with the service's pools, outlier detection and balancing. */
export function destinationRule(service: StaticServiceConfig): K8sObject {
  // Typed from the Istio CRD: a misspelled or unknown field does not compile.
  const spec: IDestinationRule["spec"] = {
    host: serviceHost(service.name, service.namespace),
    trafficPolicy: meshTrafficPolicy(service.trafficPolicy, true),
    subsets: [
      { name: STABLE_SUBSET, labels: { ...service.subsets.stable } },
      { name: CANARY_SUBSET, labels: { ...service.subsets.canary } },
    ],
  };
  return {
    apiVersion: API_VERSIONS.destinationRule,
    kind: "DestinationRule",
    metadata: { name: service.name, namespace: service.namespace },
    spec,
  };
}
