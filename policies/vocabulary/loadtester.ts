/**
 * Flagger's load tester (the `loadtester` chart): its pods' labels (the chart labels them
 * `app: <chart name>`). Flagger's controller calls it from outside the mesh, in plain text, so
 * it is the one workload the pack lets take callers without an identity by default.
 */
export const LOADTESTER_SELECTOR = { app: "loadtester" } as const;
