/**
 * Go-style durations as Istio, Flagger and Envoy accept them: `500ms`, `30s`, `1m`, `1h30m`, `1.5s`.
 * The config's value grammar and the pack's rules read them with the same functions.
 */
const UNIT_MILLIS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:[0-9]+(?:\.[0-9]+)?(?:ms|s|m|h))+$/;
const PART = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g;

/** Milliseconds in a duration, or undefined when the value is not one. */
export function durationMillis(value: unknown): number | undefined {
  if (typeof value !== "string" || !DURATION.test(value)) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of value.matchAll(PART)) {
    total += Number(amount) * UNIT_MILLIS[unit];
  }
  return total;
}

/** Seconds in a duration, or undefined when the value is not one. */
export function durationSeconds(value: unknown): number | undefined {
  const millis = durationMillis(value);
  return millis === undefined ? undefined : millis / 1000;
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
