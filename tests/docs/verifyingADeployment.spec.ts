import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { runStack, type StackOutputs } from "../../infra/program/program";
import { runUnderMocks } from "../helpers/pulumiHarness";
import { ALERT_WEBHOOKS_KEY, alertWebhookSecrets, asCliConfig, PROJECT_ROOT, referenceStackConfig } from "../helpers/stackFiles";

function readmeSection(title: string): string {
  const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const section = new RegExp(`^#{2,3} ${title}\\n([\\s\\S]*?)^#{2,3} `, "m").exec(readme)?.[1];
  assert.ok(section, `README has a section "${title}"`);
  return section;
}

/**
 * The README's verification walk names the production stack's objects; the reference production
 * stack (the tests' copy of Pulumi.production.yaml) must produce exactly those outputs, so the
 * commands and the program cannot drift apart.
 */
describe("Verifying a deployment, as the README shows it", () => {
  let outputs: StackOutputs;

  before(async () => {
    const stack = referenceStackConfig("production");
    const run = await runUnderMocks(asCliConfig({ ...stack, ...alertWebhookSecrets(stack) }), runStack, {
      secretKeys: [ALERT_WEBHOOKS_KEY],
    });
    outputs = run.outputs as StackOutputs;
  });

  it("explains only outputs the stack has", () => {
    const section = readmeSection("Verifying a deployment");
    const table = [...section.matchAll(/^\| `(\w+)` +\|/gm)].map(([, name]) => name);
    assert.ok(table.length >= 5, "the section has its table of outputs");
    for (const name of table) {
      assert.ok(name in outputs, `${name} is a stack output`);
    }
  });

  it("calls the URLs the stack exposes, with the canary header of the route that has one", () => {
    const section = readmeSection("Verifying a deployment");
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
    const section = readmeSection("Kiali");
    assert.ok(section.includes(`kubectl -n ${kiali.namespace} port-forward svc/${kiali.service} ${kiali.port}:${kiali.port}`));
    assert.ok(section.includes(`http://localhost:${kiali.port}${kiali.path}`));
  });
});
