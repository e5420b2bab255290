import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import { CANARY_STRATEGIES } from "../../policies/vocabulary/canaryStrategies";
import { runTool } from "../helpers/commands";
import { PROJECT_ROOT, referenceStackConfig } from "../helpers/stackFiles";

/** The `canary:` examples of docs/delivery-strategies.md, one per YAML document of its example block. */
function examples(): Record<string, any>[] {
  const page = readFileSync(path.join(PROJECT_ROOT, "docs", "delivery-strategies.md"), "utf8");
  const section = page.slice(page.indexOf("## Examples"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  return parseAllDocuments(block).map((document) => (document.toJS() as { canary: Record<string, any> }).canary);
}

/** A project holding the reference production stack with user-service's canary replaced by `canary`. */
function productionWith(canary: Record<string, any>): string {
  const config = structuredClone(referenceStackConfig("production"));
  const services = config["mesh-platform:services"] as Record<string, any>[];
  services.find((service) => service.name === "user-service")!.canary = canary;
  const dir = mkdtempSync(path.join(tmpdir(), "strategy-"));
  writeFileSync(path.join(dir, "Pulumi.production.yaml"), stringify({ config }));
  return dir;
}

/** What the tools print on standard error, but for the alert webhook secrets a fresh stack file never holds. */
const warningsBeyondSecrets = (stderr: string) => stderr.split("\n").filter((line) => line !== "" && !line.includes("alertWebhookUrls."));

describe("the strategy examples of docs/delivery-strategies.md", () => {
  it("show every strategy once", () => {
    assert.deepEqual(
      examples().map((canary) => canary.strategy),
      [...CANARY_STRATEGIES],
    );
  });

  for (const canary of examples()) {
    it(`${canary.strategy as string}: pasted into production, renders, checks and plans clean, with analysis traffic`, () => {
      const dir = productionWith(canary);
      const render = runTool("render", ["--stack", "production"], dir);
      assert.equal(render.status, 0, render.stderr);
      assert.deepEqual(warningsBeyondSecrets(render.stderr), []);
      const policy = path.join(PROJECT_ROOT, "policies", "config", "production.json");
      const check = runTool("check", ["--stack", "production", "--policy-config", policy, "--format", "json"], dir);
      assert.equal(check.status, 0, check.stdout);
      assert.deepEqual(JSON.parse(check.stdout).violations, []);
      const plan = runTool("plan", ["--stack", "production"], dir);
      assert.equal(plan.status, 0, plan.stderr);
      assert.deepEqual(warningsBeyondSecrets(plan.stderr), []);
      assert.match(plan.stdout, /^analysis traffic: .*the load test \(http:\/\/user-service-canary\.production:3000\/\)$/m);
    });
  }
});
