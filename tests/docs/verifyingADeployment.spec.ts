import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { runStack, type StackOutputs } from "../../infra/program/program";
import { runUnderMocks } from "../helpers/pulumiHarness";
import { ALERT_WEBHOOKS_KEY, alertWebhookSecrets, asCliConfig, PROJECT_ROOT, referenceStackConfig } from "../helpers/stackFiles";

/**
 * A section of a page under docs/: the lines after its heading up to the next heading of its level or above.
 * Lines inside code fences are never headings (a shell comment starts with "#").
 */
function docsSection(page: string, title: string): string {
  const lines = readFileSync(path.join(PROJECT_ROOT, "docs", page), "utf8").split("\n");
  let inFence = false;
  let level = 0;
  const section: string[] = [];
  for (const line of lines) {
    if (line.startsWith("```")) inFence = !inFence;
    const heading = inFence ? null : /^(#+) (.*)$/.exec(line);
    if (level > 0 && heading && heading[1]!.length <= level) break;
    if (level > 0) section.push(line);
    if (level === 0 && heading?.[2] === title) level = heading[1]!.length;
  }
  assert.ok(level > 0, `docs/${page} has a section "${title}"`);
  return section.join("\n");
}

/**
 * The verification walk of docs/deploying.md names the production stack's objects; the reference production
 * stack (the tests' copy of Pulumi.production.yaml) must produce exactly those outputs, so the
 * commands and the program cannot drift apart.
 */
describe("Verifying a deployment, as docs/deploying.md shows it", () => {
  let outputs: StackOutputs;

  before(async () => {
    const stack = referenceStackConfig("production");
    const run = await runUnderMocks(asCliConfig({ ...stack, ...alertWebhookSecrets(stack) }), runStack, {
      secretKeys: [ALERT_WEBHOOKS_KEY],
    });
    outputs = run.outputs as StackOutputs;
  });

  it("explains only outputs the stack has", () => {
    const section = docsSection("deploying.md", "Verifying a deployment");
    const table = [...section.matchAll(/^\| `(\w+)` +\|/gm)].map(([, name]) => name);
    assert.ok(table.length >= 5, "the section has its table of outputs");
    for (const name of table) {
      assert.ok(name in outputs, `${name} is a stack output`);
    }
  });

  it("calls the URLs the stack exposes, with the canary header of the route that has one", () => {
    const section = docsSection("deploying.md", "Verifying a deployment");
    const routes = outputs.ingress!.routes;
    const called = [...section.matchAll(/curl -sS (?:-H '([\w-]+): (\w+)' )?https:\/\/(\S+)/g)];
    assert.ok(called.length >= 2);
    for (const [, header, value, rest] of called) {
      const route = routes.find((r) => r.url === `https://${rest}`);
      assert.ok(route, `https://${rest} is one of ${routes.map((r) => r.url).join(", ")}`);
      if (header) {
        assert.deepEqual(route.canaryHeader, { name: header, value });
      }
    }
    assert.match(section, new RegExp(`-n ${outputs.ingress!.namespace} get service ${outputs.ingress!.service} `));
    assert.match(section, new RegExp(`-n ${outputs.ingress!.namespace} logs deployment/${outputs.ingress!.service} `));
  });

  it("port-forwards to the Kiali the stack runs, at its path", () => {
    const kiali = outputs.kiali!;
    const section = docsSection("observability.md", "Kiali");
    assert.ok(section.includes(`kubectl -n ${kiali.namespace} port-forward svc/${kiali.service} ${kiali.port}:${kiali.port}`));
    assert.ok(section.includes(`http://localhost:${kiali.port}${kiali.path}`));
  });
});
