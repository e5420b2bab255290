import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { runStack } from "../../infra/program/program";
import { runUnderMocks } from "../helpers/pulumiHarness";
import {
  ALERT_WEBHOOKS_KEY,
  alertWebhookSecrets,
  asCliConfig,
  PROJECT_ROOT,
  REFERENCE_STACKS,
  stackFileConfig,
  stackNames,
} from "../helpers/stackFiles";
import { evaluatePack, resourcesOfRecording, stackPackConfig } from "../policies/policyHarness";

/** The YAML examples of the README's "Adding a service" section, each a one-entry list. */
function readmeServices(): Record<string, any>[] {
  const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const section = /^## Adding a service\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
  return [...section.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].flatMap((match) => parse(match[1]) as Record<string, any>[]);
}

/**
 * A stack's config with the README's services added as a user would: in the stack's first mesh
 * namespace, renamed if the stack already has a service of that name there, and with `alerts:
 * false` where the stack sends no alerts, as the README says.
 */
function withReadmeServices(config: Record<string, unknown>): Record<string, unknown> {
  const namespaces = config["mesh-platform:namespaces"] as { name: string }[];
  const services = [...((config["mesh-platform:services"] as Record<string, any>[] | undefined) ?? [])];
  const alerting = ((config["mesh-platform:flagger"] as { alerts?: unknown[] }).alerts ?? []).length > 0;
  for (const example of readmeServices()) {
    const service = structuredClone(example);
    service.namespace = namespaces[0].name;
    if (services.some((s) => s.namespace === service.namespace && s.name === service.name)) {
      service.name = `${service.name}-example`;
    }
    if (service.delivery === "progressive" && !alerting) {
      service.canary.alerts = false;
    }
    services.push(service);
  }
  return { ...config, "mesh-platform:services": services };
}

describe("Adding a service, as the README shows it", () => {
  it("shows one complete service of each delivery mode", () => {
    assert.deepEqual(
      readmeServices().map((service) => service.delivery),
      ["progressive", "static"],
    );
  });

  const stacks = [
    ...stackNames().map((stack) => ({ title: `the project's ${stack} stack`, stack, config: () => stackFileConfig(stack) })),
    { title: "the reference production stack", stack: "production", config: () => stackFileConfig("production", REFERENCE_STACKS) },
  ];
  for (const { title, stack, config } of stacks) {
    it(`adds both to ${title}, which then deploys under mocks and passes the pack`, async () => {
      const values = withReadmeServices(config());
      const run = await runUnderMocks(asCliConfig({ ...values, ...alertWebhookSecrets(values) }), runStack, {
        secretKeys: [ALERT_WEBHOOKS_KEY],
      });
      const added = (values["mesh-platform:services"] as Record<string, any>[]).slice(-2);
      assert.equal(run.get("kubernetes:flagger.app/v1beta1:Canary", `${added[0].namespace}/${added[0].name}-canary`).inputs.kind, "Canary");
      assert.equal(
        run.get("kubernetes:networking.istio.io/v1:VirtualService", `${added[1].namespace}/${added[1].name}-virtualservice`).inputs.kind,
        "VirtualService",
      );
      const mandatory = evaluatePack(resourcesOfRecording(run.resources), stackPackConfig(stack)).filter((v) => v.level === "mandatory");
      assert.deepEqual(
        mandatory.map((v) => `${v.rule}: ${v.message}`),
        [],
      );
    });
  }
});
