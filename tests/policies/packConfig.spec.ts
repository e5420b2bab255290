import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { packConfigProblems, ruleSettings, type PackConfig } from "../../policies/packConfig";
import { RULES } from "../../policies/rules";
import { canaryAlerts } from "../../policies/rules/canaryAlerts";
import { canaryLimits } from "../../policies/rules/canaryLimits";
import { defaultsOf, type ThresholdSchema } from "../../policies/rules/rule";
import { PROJECT_ROOT } from "../helpers/stackFiles";

const CONFIG_DIR = path.join(PROJECT_ROOT, "policies", "config");

describe("policy pack config", () => {
  it("applies 'all', then a rule's own level and thresholds", () => {
    assert.deepEqual(ruleSettings(canaryAlerts, {}), { level: "advisory", configured: {} });
    assert.deepEqual(ruleSettings(canaryAlerts, { all: "mandatory" }), { level: "mandatory", configured: {} });
    assert.deepEqual(ruleSettings(canaryAlerts, { all: "mandatory", "canary-alerts": "disabled" }), { level: "disabled", configured: {} });
    assert.deepEqual(ruleSettings(canaryLimits, { "canary-limits": { maxWeight: 30 } }), {
      level: "mandatory",
      configured: { maxWeight: 30 },
    });
    assert.deepEqual(ruleSettings(canaryLimits, { "canary-limits": { enforcementLevel: "advisory", maxWeight: 30 } }), {
      level: "advisory",
      configured: { maxWeight: 30 },
    });
  });

  it("reports unknown rules, levels and thresholds", () => {
    assert.deepEqual(packConfigProblems({ "canary-limit": "mandatory", all: "strict", "canary-limits": { maxWeigth: 10 } }, RULES), [
      "canary-limit: no such rule",
      'all: unknown enforcement level "strict"',
      "canary-limits.maxWeigth: the rule has no such threshold",
    ]);
    assert.deepEqual(packConfigProblems([], RULES), ["the policy config must be a JSON object"]);
  });

  for (const file of readdirSync(CONFIG_DIR).filter((f) => f.endsWith(".json"))) {
    it(`policies/config/${file} names only real rules and thresholds, and only thresholds that differ from the defaults`, () => {
      const config = JSON.parse(readFileSync(path.join(CONFIG_DIR, file), "utf8")) as PackConfig;
      assert.deepEqual(packConfigProblems(config, RULES), []);
      for (const rule of RULES) {
        const { configured } = ruleSettings(rule, config);
        const defaults = defaultsOf(rule) as Record<string, unknown>;
        for (const [key, value] of Object.entries(configured)) {
          assert.notDeepEqual(value, defaults[key], `${file}: ${rule.name}.${key} repeats the default; leave it out`);
        }
      }
    });
  }

  it("gives every rule a unique name, a description, and a description for every threshold", () => {
    assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
    for (const rule of RULES) {
      assert.ok(rule.description.length > 40, rule.name);
      for (const [key, schema] of Object.entries(rule.thresholds)) {
        assert.ok((schema as ThresholdSchema).description.length > 10, `${rule.name}.${key}`);
      }
    }
  });
});

describe("rule names, files and specs", () => {
  const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  const rulesDir = path.join(PROJECT_ROOT, "policies", "rules");

  it("name each rule's file and its spec after the rule: canary-limits → canaryLimits.ts → canaryLimits.spec.ts", () => {
    for (const rule of RULES) {
      // Loaded by the name derived from the rule, which a static import cannot express.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(rulesDir, `${camel(rule.name)}.ts`)) as Record<string, unknown>;
      assert.equal(module[camel(rule.name)], rule, `policies/rules/${camel(rule.name)}.ts exports ${camel(rule.name)}`);
      assert.ok(
        existsSync(path.join(PROJECT_ROOT, "tests", "policies", "rules", `${camel(rule.name)}.spec.ts`)),
        `tests/policies/rules/${camel(rule.name)}.spec.ts`,
      );
    }
  });

  it("hold nothing but rules in policies/rules/ (shared readers live in lib/)", () => {
    const files = readdirSync(rulesDir).filter((f) => f.endsWith(".ts") && f !== "rule.ts" && f !== "index.ts");
    assert.deepEqual(files.sort(), RULES.map((r) => `${camel(r.name)}.ts`).sort());
  });
});
