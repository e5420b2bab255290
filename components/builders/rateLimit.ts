/**
 * A service's local rate limit: Envoy's token bucket in each of its pods' sidecars, inserted on the
 * inbound HTTP chain by an EnvoyFilter scoped to the service's pods, with an explicit priority so
 * its place among other filters is fixed (istioctl IST0151 warns about a relative operation
 * without one). Requests over the limit get 429.
 * https://istio.io/latest/docs/tasks/policy-enforcement/rate-limit/#local-rate-limit
 */
import type { IEnvoyFilter } from "@kubernetes-models/istio/networking.istio.io/v1alpha3/EnvoyFilter";
import type { ServiceConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { durationMillis } from "../../policies/vocabulary/duration";
import { podGroups } from "./workloads";

/** Applied after Istio's own filters (priority 0) and before any later customisation. */
export const RATE_LIMIT_PRIORITY = 10;

/** One EnvoyFilter per pod group (`<name>-ratelimit`, and `<name>-primary-ratelimit` for Flagger's primary pods). */
export function rateLimitFilters(service: ServiceConfig): K8sObject[] {
  const limit = service.rateLimit;
  if (!limit) {
    return [];
  }
  // Envoy reads a duration as seconds; the schema has checked `per` is one.
  const fillInterval = `${durationMillis(limit.per)! / 1000}s`;
  return podGroups(service).map((group) => {
    const spec: IEnvoyFilter["spec"] = {
      workloadSelector: { labels: { ...group.labels } },
      priority: RATE_LIMIT_PRIORITY,
      configPatches: [
        {
          applyTo: "HTTP_FILTER",
          match: {
            context: "SIDECAR_INBOUND",
            listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } },
          },
          patch: {
            operation: "INSERT_BEFORE",
            value: {
              name: "envoy.filters.http.local_ratelimit",
              typed_config: {
                "@type": "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
                stat_prefix: "http_local_rate_limiter",
                token_bucket: { max_tokens: limit.burst ?? limit.requests, tokens_per_fill: limit.requests, fill_interval: fillInterval },
                filter_enabled: { runtime_key: "local_rate_limit_enabled", default_value: { numerator: 100, denominator: "HUNDRED" } },
                filter_enforced: { runtime_key: "local_rate_limit_enforced", default_value: { numerator: 100, denominator: "HUNDRED" } },
              },
            },
          },
        },
      ],
    };
    return {
      apiVersion: API_VERSIONS.envoyFilter,
      kind: "EnvoyFilter",
      metadata: { name: `${service.name}${group.suffix}-ratelimit`, namespace: service.namespace },
      spec,
    };
  });
}
