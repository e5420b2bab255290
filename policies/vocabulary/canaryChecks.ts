/**
 * The checks every canary is judged on, at the values the platform takes as safe: at least 99 %
 * of requests succeed, and P99 latency stays under 500 ms. The stack config uses them as its
 * defaults and `canary-limits` as the limits a Canary may not loosen, so a canary left at its
 * defaults always passes the pack.
 */
export const SAFE_CANARY_CHECKS = { successRateMin: 99, latencyP99MaxMs: 500 } as const;
