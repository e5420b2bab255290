import type { IDestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1/DestinationRule";
import type { IVirtualService } from "@kubernetes-models/istio/networking.istio.io/v1/VirtualService";
import type { TrafficPolicyConfig } from "../../infra/config/schema";

/** Istio's TrafficPolicy and HTTPRetry, typed from the Istio CRDs (`@kubernetes-models/istio`). */
export type TrafficPolicy = NonNullable<NonNullable<IDestinationRule["spec"]>["trafficPolicy"]>;
export type HttpRetry = NonNullable<NonNullable<NonNullable<IVirtualService["spec"]>["http"]>[number]["retries"]>;

/**
 * The Istio traffic policy shared by Canaries and DestinationRules: ISTIO_MUTUAL TLS always, plus
 * whatever load balancing, pools and outlier detection the service configures. `includeTcpPool`
 * is false for Canaries, whose schema has no `connectionPool.tcp`.
 */
export function meshTrafficPolicy(policy: TrafficPolicyConfig, includeTcpPool: boolean): TrafficPolicy {
  const result: TrafficPolicy = { tls: { mode: "ISTIO_MUTUAL" } };
  if (policy.loadBalancer) {
    result.loadBalancer = { simple: policy.loadBalancer };
  }
  const pool = policy.connectionPool;
  const connectionPool: NonNullable<TrafficPolicy["connectionPool"]> = {};
  if (pool?.http) {
    connectionPool.http = { ...pool.http };
  }
  if (includeTcpPool && pool?.tcp) {
    connectionPool.tcp = { ...pool.tcp };
  }
  if (Object.keys(connectionPool).length > 0) {
    result.connectionPool = connectionPool;
  }
  if (policy.outlierDetection) {
    result.outlierDetection = { ...policy.outlierDetection };
  }
  return result;
}

/** Istio's HTTPRetry from the service's retry config; `attempts: 0` stands alone, as Istio requires. */
export function httpRetries(retries: { attempts: number; perTryTimeout?: string; retryOn?: string }): HttpRetry {
  return {
    attempts: retries.attempts,
    ...(retries.perTryTimeout !== undefined ? { perTryTimeout: retries.perTryTimeout } : {}),
    ...(retries.retryOn !== undefined ? { retryOn: retries.retryOn } : {}),
  };
}
