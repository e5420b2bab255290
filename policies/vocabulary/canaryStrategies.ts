/**
 * Flagger's deployment strategies (https://docs.flagger.app/usage/deployment-strategies), as the
 * stack config names them, and the analysis fields that make a rollout weighted.
 */
export const CANARY_STRATEGIES = ["weighted", "blueGreen", "abTest", "mirroring", "sessionAffinity"] as const;
export type CanaryStrategy = (typeof CANARY_STRATEGIES)[number];

/** How reports and messages name each strategy. */
export const STRATEGY_NAMES: Record<CanaryStrategy, string> = {
  weighted: "weighted",
  sessionAffinity: "session affinity",
  blueGreen: "blue/green",
  abTest: "A/B",
  mirroring: "mirroring",
};

/** The strategies that shift traffic by weight steps. */
export const WEIGHTED_STRATEGIES: readonly CanaryStrategy[] = ["weighted", "sessionAffinity"];

/** The analysis fields of a weighted rollout, in the config and in a Canary alike. */
export const WEIGHT_KEYS = ["maxWeight", "stepWeight", "stepWeights"] as const;
