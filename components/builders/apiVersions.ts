/** API versions the builders emit: versions served by every Istio release the platform supports (1.30 and 1.31) and Flagger 1.44. */
export const API_VERSIONS = {
  namespace: "v1",
  secret: "v1",
  serviceAccount: "v1",
  peerAuthentication: "security.istio.io/v1",
  virtualService: "networking.istio.io/v1",
  destinationRule: "networking.istio.io/v1",
  gateway: "networking.istio.io/v1",
  serviceEntry: "networking.istio.io/v1",
  sidecar: "networking.istio.io/v1",
  /** EnvoyFilter is served as v1alpha3 only, in 1.30 and 1.31 alike. */
  envoyFilter: "networking.istio.io/v1alpha3",
  authorizationPolicy: "security.istio.io/v1",
  telemetry: "telemetry.istio.io/v1",
  canary: "flagger.app/v1beta1",
  metricTemplate: "flagger.app/v1beta1",
  alertProvider: "flagger.app/v1beta1",
  /** Flagger 1.44 reads autoscaling/v2 only (v2beta2 support was removed). */
  horizontalPodAutoscaler: "autoscaling/v2",
  podMonitor: "monitoring.coreos.com/v1",
  serviceMonitor: "monitoring.coreos.com/v1",
  prometheusRule: "monitoring.coreos.com/v1",
  kiali: "kiali.io/v1alpha1",
} as const;
