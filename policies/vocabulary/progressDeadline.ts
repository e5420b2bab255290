/**
 * How long Flagger waits for a canary Deployment to make progress before it rolls back (Canary
 * `progressDeadlineSeconds`): Flagger's own default, and the longest the platform allows, so that
 * an analysis stuck on a Deployment that never becomes ready is rolled back within half an hour.
 * The stack config and the canary-safety rule both read these.
 */
export const PROGRESS_DEADLINE_SECONDS = { default: 600, max: 1800 } as const;
