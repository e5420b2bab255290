/** Go-style durations as Istio and Flagger accept them: `500ms`, `30s`, `1m`, `1h30m`, `1.5s`. */
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const DURATION = /^((?:\d+(?:\.\d+)?(?:ms|s|m|h))+)$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** Seconds in a duration string, or undefined when it is not a valid duration. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value !== "string" || !DURATION.test(value)) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of value.matchAll(PART)) {
    total += Number(amount) * UNIT_SECONDS[unit];
  }
  return total;
}

/** `90` → `1m30s`, for messages. */
export function formatSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round((seconds - minutes * 60) * 1000) / 1000;
  if (minutes === 0) {
    return `${rest}s`;
  }
  return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}
