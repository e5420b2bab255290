/**
 * Runs the pack's rules over plain Kubernetes objects, outside Pulumi: what the offline `check`
 * command uses. Same rules, same thresholds (from the same pack config format), same messages.
 * Graph rules need Pulumi's resource graph and only run in a preview.
 */
import type { K8sObject } from "../components/specs/k8sObject";
import { thresholdsOf } from "./crossguard";
import { ruleSettings, type PackConfig } from "./packConfig";
import { RULES } from "./rules";
import type { AnyRule, EnforcementLevel } from "./rules/rule";

export interface Violation {
  rule: string;
  level: Exclude<EnforcementLevel, "disabled">;
  object: K8sObject;
  message: string;
}

export function evaluateObjects(objects: K8sObject[], packConfig: PackConfig = {}, rules: AnyRule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rules) {
    const { level, configured } = ruleSettings(rule, packConfig);
    if (level === "disabled" || rule.scope === "graph") {
      continue;
    }
    const thresholds: unknown = thresholdsOf<unknown>(rule, configured);
    if (rule.scope === "object") {
      for (const object of objects) {
        for (const message of rule.check(object, thresholds)) {
          violations.push({ rule: rule.name, level, object, message });
        }
      }
    } else {
      for (const finding of rule.check(objects, thresholds)) {
        violations.push({ rule: rule.name, level, object: finding.object, message: finding.message });
      }
    }
  }
  return violations;
}

/** Rules that `check` cannot run, because they need a preview's resource graph. */
export function previewOnlyRules(rules: AnyRule[] = RULES): string[] {
  return rules.filter((r) => r.scope === "graph").map((r) => r.name);
}
