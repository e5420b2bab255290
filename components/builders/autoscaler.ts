/**
 * A progressive service's HorizontalPodAutoscaler: it scales the Deployment Flagger canaries, and
 * Flagger, pointed at it by the Canary's `autoscalerRef`, creates the primary's from it. Without
 * one, fixed replica counts on the Deployment fight Flagger's scaling of the canary.
 */
import type { ProgressiveServiceConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { STACK_OBJECT_LABELS } from "./names";

export function autoscaler(service: ProgressiveServiceConfig): K8sObject | undefined {
  const config = service.autoscaler;
  if (!config) {
    return undefined;
  }
  return {
    apiVersion: API_VERSIONS.horizontalPodAutoscaler,
    kind: "HorizontalPodAutoscaler",
    metadata: { name: service.name, namespace: service.namespace, labels: { ...STACK_OBJECT_LABELS } },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: service.name },
      minReplicas: config.minReplicas,
      maxReplicas: config.maxReplicas,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: config.cpuUtilization } } },
      ],
    },
  };
}
