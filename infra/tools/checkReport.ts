/** The `check` command's report: text for people, JSON (stable order and shape) for CI. */
import type { Violation } from "../../policies/evaluate";
import type { HelmChart } from "../../policies/vocabulary/helmChart";
import type { LocatedObject, ManifestError } from "./manifests";

/** A chart installation and the file that declares it (a stack file). */
export interface LocatedChart {
  chart: HelmChart;
  file: string;
}

export interface CheckResult {
  objects: LocatedObject[];
  /** Chart installations, when checking a stack. */
  charts: LocatedChart[];
  violations: Violation[];
  errors: ManifestError[];
  skippedRules: string[];
}

interface ReportRow {
  file: string;
  line: number | null;
  object: string;
  rule: string;
  level: string;
  message: string;
}

function reportRows(result: CheckResult): ReportRow[] {
  const where = new Map<unknown, { file: string; line?: number }>([
    ...result.objects.map((o) => [o.object, o] as const),
    ...result.charts.map((c) => [c.chart, c] as const),
  ]);
  return result.violations
    .map((v) => ({
      file: where.get(v.object ?? v.chart)?.file ?? "",
      line: where.get(v.object ?? v.chart)?.line ?? null,
      object: v.subject,
      rule: v.rule,
      level: v.level,
      message: v.message,
    }))
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message),
    );
}

export function exitCodeOf(result: CheckResult): number {
  if (result.errors.length > 0) {
    return 2;
  }
  return result.violations.some((v) => v.level === "mandatory") ? 1 : 0;
}

export function jsonReport(result: CheckResult): string {
  const rows = reportRows(result);
  return JSON.stringify(
    {
      summary: {
        objects: result.objects.length,
        charts: result.charts.length,
        mandatory: rows.filter((r) => r.level === "mandatory").length,
        advisory: rows.filter((r) => r.level === "advisory").length,
        errors: result.errors.length,
      },
      violations: rows,
      errors: result.errors.map((e) => ({ file: e.file, line: e.line ?? null, message: e.message })),
      skippedRules: result.skippedRules,
    },
    null,
    2,
  );
}

export function textReport(result: CheckResult): string {
  const lines = result.errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ""}  error  ${e.message}`);
  for (const row of reportRows(result)) {
    lines.push(`${row.file}${row.line ? `:${row.line}` : ""}  ${row.object}  ${row.rule}  ${row.level}  ${row.message}`);
  }
  const mandatory = result.violations.filter((v) => v.level === "mandatory").length;
  const advisory = result.violations.length - mandatory;
  const charts = result.charts.length > 0 ? ` and ${result.charts.length} charts` : "";
  lines.push(
    `${result.objects.length} objects${charts} checked: ${mandatory} mandatory, ${advisory} advisory violations${result.errors.length ? `, ${result.errors.length} unreadable documents` : ""}`,
  );
  lines.push(`(${result.skippedRules.join(", ")} run only in a pulumi preview)`);
  return lines.join("\n");
}
