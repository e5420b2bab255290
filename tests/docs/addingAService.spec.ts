import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { projectConfigValues } from "../../infra/config/configValues";
import { parseStackConfig } from "../../infra/config/parse";
import { runStack } from "../../infra/program/program";
import { loadManifests } from "../../infra/tools/manifests";
import { lockedOutServices } from "../../infra/tools/reachability";
import { judgeWorkloads } from "../../infra/tools/workloadCheck";
import { pageCallerFragment, pageManifests, pageServices, withPageServices } from "../helpers/docsServices";
import { runUnderMocks } from "../helpers/pulumiHarness";
import { ALERT_WEBHOOKS_KEY, alertWebhookSecrets, asCliConfig, REFERENCE_STACKS, stackFileConfig, stackNames } from "../helpers/stackFiles";
import { evaluatePack, resourcesOfRecording, stackPackConfig } from "../policies/policyHarness";

describe("Adding a service, as docs/adding-a-service.md shows it", () => {
  it("shows one complete service of each delivery mode, the caller's fragment and the teams' manifests", () => {
    assert.deepEqual(
      pageServices().map((service) => service.delivery),
      ["progressive", "static"],
    );
    assert.deepEqual(pageCallerFragment().calls.services, ["payment-service", "orders"]);
    assert.deepEqual(
      pageManifests().map((doc) => `${doc.kind} ${doc.metadata.name}`),
      ["Deployment orders", "Service invoices", "Deployment invoices-stable", "Deployment invoices-canary"],
    );
  });

  const stacks = [
    ...stackNames().map((stack) => ({ title: `the project's ${stack} stack`, stack, config: () => stackFileConfig(stack) })),
    { title: "the reference production stack", stack: "production", config: () => stackFileConfig("production", REFERENCE_STACKS) },
  ];
  for (const { title, stack, config } of stacks) {
    it(`adds both to ${title}, which then deploys under mocks and passes the pack`, async () => {
      const { values } = withPageServices(config());
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
      const { values, manifests, added } = withPageServices(config());
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
