import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { RULES } from "../../policies/rules";
import type { AnyRule, ThresholdSchema } from "../../policies/rules/rule";
import { PROJECT_ROOT } from "../helpers/stackFiles";

/** How the README writes a default: numbers plain, anything else as JSON in code. */
function defaultText(value: unknown): string {
  return typeof value === "number" ? String(value) : `\`${JSON.stringify(value)}\``;
}

/** The README table's level and thresholds cells for a rule, derived from the rule itself. */
function expectedCells(rule: AnyRule): { level: string; thresholds: string } {
  const thresholds = Object.entries(rule.thresholds as Record<string, ThresholdSchema>)
    .map(([key, schema]) => `\`${key}\` ${defaultText(schema.default)}`)
    .join(", ");
  return { level: rule.enforcementLevel, thresholds: thresholds || "—" };
}

/** The rows of the README's policy table, by rule name. */
function readmeRows(): Map<string, string[]> {
  const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("| rule "));
  const rows = new Map<string, string[]>();
  for (const line of table.split("\n").slice(2)) {
    if (!line.startsWith("|")) {
      break;
    }
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    rows.set(cells[0].replace(/`/g, ""), cells);
  }
  return rows;
}

describe("the README's policy table", () => {
  const rows = readmeRows();

  it("lists exactly the pack's rules", () => {
    assert.deepEqual([...rows.keys()].sort(), RULES.map((r) => r.name).sort());
  });

  for (const rule of RULES) {
    it(`shows ${rule.name}'s default level and thresholds as the rule declares them`, () => {
      const cells = rows.get(rule.name) ?? [];
      const expected = expectedCells(rule);
      assert.deepEqual({ level: cells[2], thresholds: cells[3] }, expected, `README row for ${rule.name}`);
    });
  }
});
