import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadStackFile, webhookPlaceholder } from "../../../infra/config/stackFile";
import { runCheck, UNREACHABLE_RULE } from "../../../infra/tools/check";
import { lockedOutServices } from "../../../infra/tools/reachability";
import { stackWarnings } from "../../../infra/tools/stackWarnings";
import { minimalConfig, progressive, staticService } from "../../helpers/configFixtures";
import { minimalStackValues, withProjectPrefix } from "../../helpers/stackFiles";

const services = [
  staticService({ name: "front", calls: { services: ["api"] } }),
  staticService({ name: "api" }),
  progressive({ alerts: false }, { name: "worker" }),
];
const STATIC_FIX =
  "nothing may call it: no service lists it under calls.services and it is not exposed, so its namespace's allow-nothing policy " +
  "refuses every request (403). Add it to a caller's calls.services (as front, or apps/front from another namespace), or give it expose";
const PROGRESSIVE_FIX =
  "nothing may call it but the load tester, which reaches only the canary during analysis: no service lists it under calls.services and " +
  "it is not exposed, so its namespace's allow-nothing policy refuses every request (403). Add it to a caller's calls.services " +
  "(as worker, or apps/worker from another namespace), or give it expose";

describe("services nothing may call", () => {
  it("are each named with the fix, static and progressive alike; a called one is not", () => {
    const lockedOut = lockedOutServices(minimalConfig({ services }));
    assert.deepEqual(
      lockedOut.map(({ key, message }) => [key, message]),
      [
        ["services[0]", STATIC_FIX],
        ["services[2]", PROGRESSIVE_FIX],
      ],
    );
  });

  it("are advisory findings of check --stack, on the service's key", () => {
    const config = minimalConfig({ services });
    const result = runCheck({
      subject: { kind: "stack", config, file: "Pulumi.lab.yaml", webhookUrlOf: webhookPlaceholder },
      packConfig: {},
    });
    const findings = result.violations.filter((v) => v.rule === UNREACHABLE_RULE);
    assert.deepEqual(
      findings.map((v) => [v.subject, v.level, result.objects.find((o) => o.object === v.object)?.key, v.message]),
      [
        ["service apps/front", "advisory", "mesh-platform:services[0]", STATIC_FIX],
        ["service apps/worker", "advisory", "mesh-platform:services[2]", PROGRESSIVE_FIX],
      ],
    );
  });

  it("are warned about by render and plan, after the secrets the stack file lacks", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "reach-"));
    const values = {
      ...minimalStackValues(),
      flagger: { metricsServer: "http://prom:9090", alertProviders: [{ name: "team", type: "slack" }] },
      services,
    };
    writeFileSync(path.join(dir, "Pulumi.lab.yaml"), JSON.stringify({ config: withProjectPrefix(values) }));
    assert.deepEqual(stackWarnings("lab", loadStackFile("lab", dir)), [
      "mesh-platform:alertWebhookUrls.team: not in Pulumi.lab.yaml, and alert provider team needs it before `pulumi up`: run `pulumi config set --secret --path 'alertWebhookUrls.team' <url>`",
      `mesh-platform:services[0] (apps/front): ${STATIC_FIX}`,
      `mesh-platform:services[2] (apps/worker): ${PROGRESSIVE_FIX}`,
      "mesh-platform:services[2].canary (apps/worker): its weighted analysis counts on users' requests, with no load test that " +
        "reaches the canary, but nothing may call it (it is not exposed and no service lists it under calls.services): every check " +
        "would find no data and the rollout would be rolled back. Add a canary.loadTest against worker-canary.apps:80, or a caller",
    ]);
  });
});
