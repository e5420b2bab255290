/**
 * Runs the pack's rules over plain Kubernetes objects and chart installations, outside Pulumi:
 * what the offline `check` command uses. Same rules, same thresholds (from the same pack config
 * format), same messages. Graph rules need Pulumi's resource graph and only run in a preview.
 */
import { describeObject, type K8sObject } from "./vocabulary/k8sObject";
import { enabledRules, type PackConfig } from "./packConfig";
import { RULES } from "./rules";
import { thresholdsOf, type AnyRule, type EnforcementLevel } from "./rules/rule";
import { describeChart, type HelmChart } from "./vocabulary/helmChart";

export interface Violation {
  rule: string;
  level: Exclude<EnforcementLevel, "disabled">;
  /** What the finding is about, as reports name it: `Kind namespace/name` or `Helm chart …`. */
  subject: string;
  /** The object the finding is about, for object and stack rules. */
  object?: K8sObject;
  /** The chart the finding is about, for chart rules. */
  chart?: HelmChart;
  message: string;
}

/** Each enabled rule with its level and its thresholds (defaults overlaid with the config's). */
function rulesToRun(packConfig: PackConfig, rules: AnyRule[]) {
  return enabledRules(packConfig, rules).map(({ rule, level, configured }) => ({
    rule,
    level,
    thresholds: thresholdsOf<unknown>(rule, configured),
  }));
}

export function evaluateObjects(objects: K8sObject[], packConfig: PackConfig = {}, rules: AnyRule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  for (const { rule, level, thresholds } of rulesToRun(packConfig, rules)) {
    if (rule.scope === "object") {
      for (const object of objects) {
        for (const message of rule.check(object, thresholds)) {
          violations.push({ rule: rule.name, level, subject: describeObject(object), object, message });
        }
      }
    } else if (rule.scope === "stack") {
      for (const finding of rule.check(objects, thresholds)) {
        violations.push({
          rule: rule.name,
          level,
          subject: describeObject(finding.object),
          object: finding.object,
          message: finding.message,
        });
      }
    }
  }
  return violations;
}

export function evaluateCharts(charts: HelmChart[], packConfig: PackConfig = {}, rules: AnyRule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  for (const { rule, level, thresholds } of rulesToRun(packConfig, rules)) {
    if (rule.scope !== "chart") {
      continue;
    }
    for (const chart of charts) {
      for (const message of rule.check(chart, thresholds)) {
        violations.push({ rule: rule.name, level, subject: describeChart(chart), chart, message });
      }
    }
  }
  return violations;
}

/** Rules that `check` cannot run, because they need a preview's resource graph. */
export function previewOnlyRules(rules: AnyRule[] = RULES): string[] {
  return rules.filter((r) => r.scope === "graph").map((r) => r.name);
}
