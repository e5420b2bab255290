// npm run check -- (--stack <name> | <file or dir>...) [--policy-config <json>] [--format text|json]
// With --stack, the stack's chart installations are checked too (repository, version, values).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chartOfRelease } from "../../../components/specs/chartRelease";
import { chartReleases, stackObjects } from "../../../components/specs/stack";
import { evaluateCharts, evaluateObjects, previewOnlyRules } from "../../../policies/evaluate";
import { packConfigProblems, type PackConfig } from "../../../policies/packConfig";
import { RULES } from "../../../policies/rules";
import { exitCodeOf, jsonReport, textReport, type CheckResult, type LocatedChart } from "../checkReport";
import { loadManifests, type LocatedObject } from "../manifests";
import { readStackFile, SECRET_PLACEHOLDER, stackFilePath } from "../../config/stackFile";
import { runCommand } from "./runCommand";
import * as path from "node:path";

const USAGE = "usage: npm run check -- (--stack <name> | <file or dir>...) [--policy-config <json>] [--format text|json]";

runCommand(() => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { stack: { type: "string" }, "policy-config": { type: "string" }, format: { type: "string", default: "text" } },
  });
  if (values.format !== "text" && values.format !== "json") {
    throw new Error(`--format must be text or json\n${USAGE}`);
  }
  if (Boolean(values.stack) === positionals.length > 0) {
    throw new Error(USAGE);
  }
  const packConfig = readPackConfig(values["policy-config"]);

  let objects: LocatedObject[];
  let charts: LocatedChart[] = [];
  let errors: CheckResult["errors"] = [];
  if (values.stack) {
    const file = path.relative(process.cwd(), stackFilePath(values.stack));
    const config = readStackFile(values.stack);
    objects = stackObjects(config, SECRET_PLACEHOLDER).map((object) => ({ object, file }));
    charts = chartReleases(config).map((release) => ({ chart: chartOfRelease(release), file }));
  } else {
    ({ objects, errors } = loadManifests(positionals));
  }
  const result: CheckResult = {
    objects,
    charts,
    violations: [
      ...evaluateObjects(
        objects.map((o) => o.object),
        packConfig,
      ),
      ...evaluateCharts(
        charts.map((c) => c.chart),
        packConfig,
      ),
    ],
    errors,
    skippedRules: previewOnlyRules(),
  };
  console.log(values.format === "json" ? jsonReport(result) : textReport(result));
  return exitCodeOf(result);
});

function readPackConfig(file: string | undefined): PackConfig {
  if (!file) {
    return {};
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const problems = packConfigProblems(config, RULES);
  if (problems.length > 0) {
    throw new Error(`${file}: ${problems.join("; ")}`);
  }
  return config as PackConfig;
}
