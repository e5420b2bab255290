import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { packConfigProblems, ruleSettings } from "../../policies/packConfig";
import { RULES } from "../../policies/rules";
import { canaryAlerts } from "../../policies/rules/canaryAlerts";
import { canaryLimits } from "../../policies/rules/canaryLimits";
import { PROJECT_ROOT } from "../helpers/stackFiles";

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

  for (const stack of ["production", "staging"]) {
    it(`policies/config/${stack}.json names only real rules and thresholds`, () => {
      const config = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "policies", "config", `${stack}.json`), "utf8"));
      assert.deepEqual(packConfigProblems(config, RULES), []);
    });
  }

  it("gives every rule a unique name, a description and a schema entry per default threshold", () => {
    assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
    for (const rule of RULES) {
      assert.ok(rule.description.length > 40, rule.name);
      assert.deepEqual(Object.keys(rule.configSchema).sort(), Object.keys(rule.defaults).sort(), rule.name);
      for (const [key, schema] of Object.entries(rule.configSchema)) {
        assert.deepEqual((schema as { default: unknown }).default, (rule.defaults as Record<string, unknown>)[key], `${rule.name}.${key}`);
      }
    }
  });
});
