import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { projectConfigValues } from "../../infra/config/configValues";
import { parseStackConfig } from "../../infra/config/parse";
import { runStack } from "../../infra/program/program";
import { loadManifests } from "../../infra/tools/manifests";
import { lockedOutServices } from "../../infra/tools/reachability";
import { judgeWorkloads } from "../../infra/tools/workloadCheck";
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

/** The YAML blocks of the README's "Adding a service" section. */
function readmeBlocks(): string[] {
  const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const section = /^## Adding a service\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
  return [...section.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((match) => match[1]);
}

type Doc = Record<string, any>;

/** The blocks of config: everything but the Kubernetes documents. */
const configBlocks = () => readmeBlocks().filter((block) => !/^apiVersion:/m.test(block));

/** The service entries: blocks that are lists of services. */
const readmeServices = (): Doc[] =>
  configBlocks()
    .map((block) => parse(block) as unknown)
    .filter((value): value is Doc[] => Array.isArray(value))
    .flat();

/** The fragment a caller adds: the block that is only `calls`. */
const readmeCallerFragment = (): Doc =>
  configBlocks()
    .map((block) => parse(block) as Doc)
    .find((value) => !Array.isArray(value) && "calls" in value)!;

/** The teams' manifests: the block of Kubernetes documents. */
const readmeManifests = (): Doc[] =>
  readmeBlocks()
    .filter((block) => /^apiVersion:/m.test(block))
    .flatMap((block) => parseAllDocuments(block).map((document) => document.toJS() as Doc));

/** Every string in a value, with each whole word `from` replaced by `to`. */
function renamed<T>(value: T, from: string, to: string): T {
  if (from === to) {
    return value;
  }
  const word = new RegExp(`\\b${from.replace(/[-.]/g, "\\$&")}\\b`, "g");
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => (typeof item === "string" ? item.replace(word, to) : item)) as T;
}

/**
 * A stack with the README's services added as a user would: in the stack's first mesh namespace,
 * renamed if the stack already has a service of that name there, with `alerts: false` where the
 * stack sends no alerts, and called by the stack's first service there, as the README's fragment
 * shows; with the teams' manifests made to match.
 */
function withReadmeServices(config: Record<string, unknown>): { values: Record<string, unknown>; manifests: Doc[]; added: string[] } {
  const namespace = (config["mesh-platform:namespaces"] as { name: string }[])[0].name;
  const services = structuredClone((config["mesh-platform:services"] as Doc[] | undefined) ?? []);
  const alerting = ((config["mesh-platform:flagger"] as { alerts?: unknown[] }).alerts ?? []).length > 0;
  let examples = renamed(readmeServices(), "production", namespace);
  let manifests = renamed(readmeManifests(), "production", namespace);
  let fragment = readmeCallerFragment();
  for (const name of examples.map((service) => service.name as string)) {
    if (services.some((s) => s.namespace === namespace && s.name === name)) {
      [examples, manifests, fragment] = [examples, manifests, fragment].map((value) => renamed(value, name, `${name}-example`)) as [
        Doc[],
        Doc[],
        Doc,
      ];
    }
  }
  for (const service of examples.filter((s) => s.delivery === "progressive" && !alerting)) {
    service.canary.alerts = false;
  }
  const caller = services.find((s) => s.namespace === namespace);
  assert.ok(caller, `the stack has a service in ${namespace} to call the example`);
  const added = (fragment.calls.services as string[]).filter((name) => !(caller.calls?.services ?? []).includes(name));
  caller.calls = { ...caller.calls, services: [...(caller.calls?.services ?? []), ...added] };
  return {
    values: { ...config, "mesh-platform:services": [...services, ...examples] },
    manifests,
    added: examples.map((service) => `${namespace}/${service.name as string}`),
  };
}

describe("Adding a service, as the README shows it", () => {
  it("shows one complete service of each delivery mode, the caller's fragment and the teams' manifests", () => {
    assert.deepEqual(
      readmeServices().map((service) => service.delivery),
      ["progressive", "static"],
    );
    assert.deepEqual(readmeCallerFragment().calls.services, ["payment-service", "orders"]);
    assert.deepEqual(
      readmeManifests().map((doc) => `${doc.kind} ${doc.metadata.name}`),
      ["Deployment orders", "Service invoices", "Deployment invoices-stable", "Deployment invoices-canary"],
    );
  });

  const stacks = [
    ...stackNames().map((stack) => ({ title: `the project's ${stack} stack`, stack, config: () => stackFileConfig(stack) })),
    { title: "the reference production stack", stack: "production", config: () => stackFileConfig("production", REFERENCE_STACKS) },
  ];
  for (const { title, stack, config } of stacks) {
    it(`adds both to ${title}, which then deploys under mocks and passes the pack`, async () => {
      const { values } = withReadmeServices(config());
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

    it(`adds both to ${title} reachable, and the teams' manifests keep the contract`, () => {
      const { values, manifests, added } = withReadmeServices(config());
      const parsed = parseStackConfig(projectConfigValues(values));
      assert.deepEqual(
        lockedOutServices(parsed)
          .map(({ service }) => `${service.namespace}/${service.name}`)
          .filter((service) => added.includes(service)),
        [],
      );
      const dir = mkdtempSync(path.join(tmpdir(), "readme-workloads-"));
      writeFileSync(path.join(dir, "apps.yaml"), manifests.map((doc) => JSON.stringify(doc)).join("\n---\n"));
      const judgement = judgeWorkloads(parsed, `Pulumi.${stack}.yaml`, loadManifests([dir]).objects);
      const keys = added.map((_, i) => `mesh-platform:services[${parsed.services.length - added.length + i}]`);
      const aboutAdded = judgement.findings.filter(
        (f) => keys.some((key) => f.key.startsWith(`${key}.`)) || f.rule === "undeclared-workload",
      );
      assert.deepEqual(
        aboutAdded.map((f) => `${f.workload} ${f.field}: ${f.message}`),
        [],
      );
      // Each example workload was found and judged: none of them is missing.
      assert.equal(judgement.findings.filter((f) => f.rule === "workload-exists" && added.some((s) => f.workload.endsWith(s))).length, 0);
    });
  }
});
