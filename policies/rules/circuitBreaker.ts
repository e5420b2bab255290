import { durationSeconds, formatSeconds } from "../vocabulary/duration";
import { dict, isCanary, isDestinationRule, specOf, type Dict } from "./lib/objects";
import type { ObjectRule } from "./rule";

export interface CircuitBreakerConfig {
  minConsecutive5xxErrors: number;
  maxConsecutive5xxErrors: number;
  maxEjectionPercent: number;
  minBaseEjectionSeconds: number;
  maxConnections: number;
  maxPendingRequests: number;
  maxRequests: number;
}

/** Pool limits the rule reads, with the threshold that caps each. */
const POOL_LIMITS: [string, string, keyof CircuitBreakerConfig][] = [
  ["tcp", "maxConnections", "maxConnections"],
  ["http", "http1MaxPendingRequests", "maxPendingRequests"],
  ["http", "http2MaxRequests", "maxRequests"],
];

/** Every service's traffic policy ejects failing endpoints and bounds its connection pool. */
export const circuitBreaker: ObjectRule<CircuitBreakerConfig> = {
  scope: "object",
  name: "circuit-breaker",
  description:
    "Every DestinationRule and every Canary's traffic policy must eject failing endpoints (outlier detection within sane bounds) " +
    "and cap its connection pool, so one slow or failing dependency cannot exhaust its callers.",
  enforcementLevel: "mandatory",
  thresholds: {
    minConsecutive5xxErrors: { type: "integer", minimum: 1, default: 3, description: "Fewest consecutive 5xx before ejection." },
    maxConsecutive5xxErrors: { type: "integer", minimum: 1, default: 10, description: "Most consecutive 5xx before ejection." },
    maxEjectionPercent: {
      type: "number",
      minimum: 0,
      maximum: 100,
      default: 50,
      description: "Highest share of endpoints that may be ejected, percent.",
    },
    minBaseEjectionSeconds: { type: "number", minimum: 0, default: 30, description: "Shortest base ejection time, seconds." },
    maxConnections: { type: "integer", minimum: 1, default: 10000, description: "Cap on connectionPool.tcp.maxConnections." },
    maxPendingRequests: { type: "integer", minimum: 1, default: 10000, description: "Cap on connectionPool.http.http1MaxPendingRequests." },
    maxRequests: { type: "integer", minimum: 1, default: 100000, description: "Cap on connectionPool.http.http2MaxRequests." },
  },
  check(object, config) {
    if (isDestinationRule(object)) {
      return trafficPolicyProblems(dict(specOf(object).trafficPolicy), "trafficPolicy", config);
    }
    if (isCanary(object)) {
      return trafficPolicyProblems(dict(dict(specOf(object).service).trafficPolicy), "service.trafficPolicy", config);
    }
    return [];
  },
};

function trafficPolicyProblems(policy: Dict, at: string, config: CircuitBreakerConfig): string[] {
  const problems: string[] = [];
  const outlier = policy.outlierDetection;
  if (outlier === undefined) {
    problems.push(`${at}.outlierDetection is missing: failing endpoints are never ejected`);
  } else {
    const detection = dict(outlier);
    if (detection.consecutiveErrors !== undefined) {
      problems.push(`${at}.outlierDetection.consecutiveErrors is deprecated: use consecutive5xxErrors`);
    }
    const errors = detection.consecutive5xxErrors;
    if (typeof errors !== "number" || errors < config.minConsecutive5xxErrors || errors > config.maxConsecutive5xxErrors) {
      problems.push(
        `${at}.outlierDetection.consecutive5xxErrors ${JSON.stringify(errors)} must be between ${config.minConsecutive5xxErrors} and ${config.maxConsecutive5xxErrors}`,
      );
    }
    const percent = detection.maxEjectionPercent;
    if (typeof percent !== "number" || percent > config.maxEjectionPercent) {
      problems.push(
        percent === undefined
          ? `${at}.outlierDetection.maxEjectionPercent is not set: set it, at most ${config.maxEjectionPercent}, so the share of ejected endpoints is explicit`
          : `${at}.outlierDetection.maxEjectionPercent ${JSON.stringify(percent)} must be at most ${config.maxEjectionPercent}`,
      );
    }
    const ejection = durationSeconds(detection.baseEjectionTime);
    if (ejection === undefined || ejection < config.minBaseEjectionSeconds) {
      problems.push(
        `${at}.outlierDetection.baseEjectionTime ${JSON.stringify(detection.baseEjectionTime)} must be at least ${formatSeconds(config.minBaseEjectionSeconds)}`,
      );
    }
  }

  const pool = dict(policy.connectionPool);
  let limitsSet = 0;
  for (const [protocol, field, cap] of POOL_LIMITS) {
    const value = dict(pool[protocol])[field];
    if (value === undefined) {
      continue;
    }
    limitsSet += 1;
    if (typeof value !== "number" || value > config[cap]) {
      problems.push(`${at}.connectionPool.${protocol}.${field} ${JSON.stringify(value)} exceeds ${config[cap]}`);
    }
  }
  if (limitsSet === 0) {
    problems.push(
      `${at}.connectionPool sets none of tcp.maxConnections, http.http1MaxPendingRequests, http.http2MaxRequests: the pool is unbounded`,
    );
  }
  return problems;
}
