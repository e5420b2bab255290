/**
 * Kubernetes label selectors (`matchLabels` and `matchExpressions`), as the API server reads them:
 * every condition must hold, and a selector with neither selects everything.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 */

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: readonly string[];
}

export interface LabelSelector {
  matchLabels?: Readonly<Record<string, string>>;
  matchExpressions?: readonly LabelSelectorRequirement[];
}

function requirementHolds(requirement: LabelSelectorRequirement, labels: Readonly<Record<string, string | undefined>>): boolean {
  const value = labels[requirement.key];
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
  }
}

/** Whether a selector selects an object carrying these labels. */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string | undefined>>): boolean {
  return (
    Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value) &&
    (selector.matchExpressions ?? []).every((requirement) => requirementHolds(requirement, labels))
  );
}
