/**
 * The weight steps of a weighted Flagger canary, as Flagger needs them: a positive `maxWeight`,
 * exactly one of `stepWeight` (a fixed step) and `stepWeights` (an explicit, increasing list),
 * and no step above `maxWeight`. The stack config validation and the `canary-limits` rule both
 * judge steps with this one function, so they cannot disagree.
 */

export interface WeightStepsInput {
  maxWeight?: unknown;
  stepWeight?: unknown;
  stepWeights?: unknown;
}

export interface WeightStepProblem {
  /** Where, relative to the analysis: `["stepWeights", 2]`. */
  path: (string | number)[];
  value: unknown;
  /** What is wrong, written to follow the key and its value. */
  message: string;
}

const isPositive = (value: unknown): value is number => typeof value === "number" && value > 0;

export function weightStepProblems(analysis: WeightStepsInput): WeightStepProblem[] {
  const { maxWeight, stepWeight, stepWeights } = analysis;
  if (maxWeight === undefined) {
    return [{ path: ["maxWeight"], value: maxWeight, message: "is required for a weighted rollout" }];
  }
  if (!isPositive(maxWeight)) {
    return [{ path: ["maxWeight"], value: maxWeight, message: "must be greater than 0" }];
  }
  if ((stepWeight === undefined) === (stepWeights === undefined)) {
    return [{ path: ["stepWeight"], value: stepWeight, message: "set exactly one of stepWeight and stepWeights" }];
  }
  const tooHigh = `must not exceed maxWeight (${maxWeight})`;
  if (stepWeights === undefined) {
    if (!isPositive(stepWeight)) {
      return [{ path: ["stepWeight"], value: stepWeight, message: "must be greater than 0" }];
    }
    return stepWeight > maxWeight ? [{ path: ["stepWeight"], value: stepWeight, message: tooHigh }] : [];
  }
  if (!Array.isArray(stepWeights) || stepWeights.length === 0) {
    return [{ path: ["stepWeights"], value: stepWeights, message: "must list at least one weight" }];
  }
  const problems: WeightStepProblem[] = [];
  stepWeights.forEach((weight: unknown, i) => {
    const previous: unknown = i === 0 ? 0 : stepWeights[i - 1];
    if (typeof weight !== "number" || typeof previous !== "number" || weight <= previous) {
      problems.push({ path: ["stepWeights", i], value: weight, message: "must be greater than the step before it" });
    } else if (weight > maxWeight) {
      problems.push({ path: ["stepWeights", i], value: weight, message: tooHigh });
    }
  });
  return problems;
}

/**
 * `["stepWeights", 2]` → `stepWeights[2]`, the way messages write a field path; a key that is not
 * a plain name (a label such as `sidecar.istio.io/inject`) in brackets: `labels["sidecar.istio.io/inject"]`.
 */
export function fieldPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) =>
      typeof part === "number" ? `[${part}]` : !/^[A-Za-z0-9_-]+$/.test(part) ? `[${JSON.stringify(part)}]` : i === 0 ? part : `.${part}`,
    )
    .join("");
}
