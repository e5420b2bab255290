/** The `check` command's report: text for people, JSON (stable order and shape) for CI. */
import type { Violation } from "../../policies/evaluate";
import type { HelmChart } from "../../policies/vocabulary/helmChart";
import type { LocatedObject, ManifestError } from "./manifests";
import type { WorkloadFinding } from "./workloadCheck";

/** A chart installation and the file (a stack file) and key that declare it. */
export interface LocatedChart {
  chart: HelmChart;
  file: string;
  key?: string;
}

export interface CheckResult {
  objects: LocatedObject[];
  /** Chart installations, when checking a stack. */
  charts: LocatedChart[];
  violations: Violation[];
  /** With `--workloads`: where the teams' manifests contradict the stack. */
  workloadFindings: WorkloadFinding[];
  /** With `--workloads`: how many of the teams' workloads were judged against a service. */
  workloadsJudged: number;
  /** Inputs that could not be read: they make the run fail (exit 2) even when the rest is clean. */
  errors: ManifestError[];
  /** What was skipped or read once, and why; informative only. */
  notes: string[];
  skippedRules: string[];
  /** The policy config the rules ran with, as the command names it. */
  policyConfig?: string;
}

interface ReportRow {
  file: string;
  line: number | null;
  /** The stack key the finding comes from, or (a workload finding) the one it contradicts. */
  key: string | null;
  object: string;
  /** The field of the object a workload finding is about. */
  field: string | null;
  rule: string;
  level: string;
  message: string;
}

function reportRows(result: CheckResult): ReportRow[] {
  const where = new Map<unknown, { file: string; line?: number; key?: string }>([
    ...result.objects.map((o) => [o.object, o] as const),
    ...result.charts.map((c) => [c.chart, c] as const),
  ]);
  const violations = result.violations.map((v) => {
    const source = where.get(v.object ?? v.chart);
    return {
      file: source?.file ?? "",
      line: source?.line ?? null,
      key: source?.key ?? null,
      object: v.subject,
      field: null,
      rule: v.rule,
      level: v.level,
      message: v.message,
    };
  });
  const workloads = result.workloadFindings.map((f) => ({
    file: f.file,
    line: f.line ?? null,
    key: f.key,
    object: f.workload,
    field: f.field,
    rule: f.rule,
    level: f.level,
    message: f.message,
  }));
  return [...violations, ...workloads].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.key ?? "").localeCompare(b.key ?? "") ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}

/** True when the inputs held nothing to judge: a run that checked nothing must not pass as clean. */
export function checkedNothing(result: CheckResult): boolean {
  return result.objects.length === 0 && result.charts.length === 0;
}

/** 2 for unreadable input or nothing to check, 1 for a mandatory violation or workload finding, 0 otherwise. */
export function exitCodeOf(result: CheckResult): number {
  if (result.errors.length > 0 || checkedNothing(result)) {
    return 2;
  }
  return [...result.violations, ...result.workloadFindings].some((v) => v.level === "mandatory") ? 1 : 0;
}

export function jsonReport(result: CheckResult): string {
  const rows = reportRows(result);
  return JSON.stringify(
    {
      summary: {
        objects: result.objects.length,
        charts: result.charts.length,
        workloads: result.workloadsJudged,
        mandatory: rows.filter((r) => r.level === "mandatory").length,
        advisory: rows.filter((r) => r.level === "advisory").length,
        errors: result.errors.length,
      },
      violations: rows,
      errors: result.errors.map((e) => ({ file: e.file, line: e.line ?? null, message: e.message })),
      notes: result.notes,
      skippedRules: result.skippedRules,
      policyConfig: result.policyConfig ?? null,
    },
    null,
    2,
  );
}

const place = (file: string, line: number | null | undefined, key?: string | null) =>
  `${file}${line ? `:${line}` : ""}${key ? ` (${key})` : ""}`;

export function textReport(result: CheckResult): string {
  const lines = result.errors.map((e) => `${place(e.file, e.line)}  error  ${e.message}`);
  for (const row of reportRows(result)) {
    const message = row.field ? `${row.field}: ${row.message}` : row.message;
    lines.push(`${place(row.file, row.line, row.key)}  ${row.object}  ${row.rule}  ${row.level}  ${message}`);
  }
  lines.push(...result.notes.map((note) => `note: ${note}`));
  if (checkedNothing(result)) {
    lines.push("nothing to check: the inputs hold no Kubernetes objects");
    return lines.join("\n");
  }
  const mandatory = result.violations.filter((v) => v.level === "mandatory").length;
  const advisory = result.violations.length - mandatory;
  const charts = result.charts.length > 0 ? ` and ${result.charts.length} charts` : "";
  lines.push(
    `${result.objects.length} objects${charts} checked: ${mandatory} mandatory, ${advisory} advisory violations${result.errors.length ? `, ${result.errors.length} unreadable inputs` : ""}`,
  );
  if (result.workloadsJudged > 0 || result.workloadFindings.length > 0) {
    const workloadMandatory = result.workloadFindings.filter((f) => f.level === "mandatory").length;
    lines.push(
      `${result.workloadsJudged} workloads judged against the stack: ${workloadMandatory} mandatory, ${result.workloadFindings.length - workloadMandatory} advisory findings`,
    );
  }
  if (result.policyConfig) {
    lines.push(`policy config: ${result.policyConfig}`);
  }
  if (result.skippedRules.length > 0) {
    lines.push(`(${result.skippedRules.join(", ")} run only in a pulumi preview)`);
  }
  return lines.join("\n");
}
