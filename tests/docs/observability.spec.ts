import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { canaryAlertRule } from "../../components/builders/canarySignals";
import { durationMillis } from "../../policies/vocabulary/duration";
import { PROJECT_ROOT } from "../helpers/stackFiles";

interface AlertRule {
  alert: string;
  for?: string;
  labels: { severity: string };
}

/** The rows of docs/observability.md's alert table: name, what it says, severity. */
function documentedAlerts(): { alert: string; firesWhen: string; severity: string }[] {
  const page = readFileSync(path.join(PROJECT_ROOT, "docs", "observability.md"), "utf8");
  return [...page.matchAll(/^\| `(\w+)` +\| (.+?) +\| `(\w+)` +\|$/gm)].map(([, alert, firesWhen, severity]) => ({
    alert,
    firesWhen,
    severity,
  }));
}

describe("Canary alerts, as docs/observability.md describes them", () => {
  const operator = { namespace: "monitoring", labels: {}, alertLabels: {} } as unknown as Parameters<typeof canaryAlertRule>[0];
  const rules = (
    canaryAlertRule(operator, "flagger-system", [{ namespace: "shop", name: "cart", stalledAfterSeconds: 870 }]).spec as {
      groups: { rules: AlertRule[] }[];
    }
  ).groups[0].rules;

  it("lists exactly the alerts the PrometheusRule fires, each with its severity", () => {
    assert.deepEqual(
      documentedAlerts().map(({ alert, severity }) => [alert, severity]),
      rules.map((rule) => [rule.alert, rule.labels.severity]),
    );
  });

  it("says for how long Flagger's metrics may be missing, as the rule waits", () => {
    const absent = rules.find((rule) => rule.alert === "FlaggerMetricsAbsent")!;
    const row = documentedAlerts().find((r) => r.alert === "FlaggerMetricsAbsent")!;
    const minutes = Number(/for (\d+) minutes/.exec(row.firesWhen)?.[1]);
    assert.equal(minutes * 60_000, durationMillis(absent.for));
  });
});
