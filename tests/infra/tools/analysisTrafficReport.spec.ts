import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../../infra/config/parse";
import { readStackFile } from "../../../infra/config/stackFile";
import { webhookPlaceholder } from "../../../infra/config/stackFile";
import { analysisTrafficWarnings, stackAnalysisTraffic } from "../../../infra/tools/analysisTrafficReport";
import { runCheck, STARVED_CANARY_RULE } from "../../../infra/tools/check";
import { textReport, stackRollouts } from "../../../infra/tools/rolloutReport";
import { minimalStackValues, REFERENCE_STACKS } from "../../helpers/stackFiles";

/** A stack of one progressive service `worker` in apps, called by `front` or by nothing, with the given canary keys. */
function stack(canary: Record<string, unknown>, called: boolean) {
  return parseStackConfig({
    ...minimalStackValues(),
    services: [
      { name: "front", namespace: "apps", port: 80, delivery: "static", expose: undefined, calls: { services: called ? ["worker"] : [] } },
      {
        name: "worker",
        namespace: "apps",
        port: 80,
        delivery: "progressive",
        canary: { interval: "1m", threshold: 5, alerts: false, ...canary },
      },
    ],
  });
}

const WEIGHTED = { maxWeight: 50, stepWeight: 10 };
const LOAD_TEST = { command: "hey -z 1m http://worker-canary.apps:80/" };

describe("analysis traffic in the offline tools", () => {
  it("says where each strategy's analysis traffic comes from, as plan prints it", () => {
    const rollouts = stackRollouts(readStackFile("staging", REFERENCE_STACKS));
    assert.deepEqual(
      rollouts.map((r) => [r.service, r.traffic]),
      [
        ["user-service", ["users' requests, by weight (up to 50%)", "the load test (http://user-service-canary.staging:3000/)"]],
        ["catalog", ["the load test (http://catalog-canary.staging:8080/)"]],
        [
          "recommendations",
          [
            "users' requests that match (header x-canary: true, or a cookie matching ^(.*?;)?(canary=always)(;.*)?$)",
            "the load test (http://recommendations-canary.staging:8080/)",
          ],
        ],
        ["search", ["copies of 50% of users' requests (their answers are dropped)", "the load test (http://search-canary.staging:8080/)"]],
        [
          "cart",
          ["users' requests, by weight (up to 50%), each user kept on one version", "the load test (http://cart-canary.staging:8080/)"],
        ],
      ],
    );
    assert.match(
      textReport(rollouts),
      /^staging\/catalog \(threshold 3: .*\)\nanalysis traffic: the load test \(http:\/\/catalog-canary\.staging:8080\/\)$/m,
    );
  });

  it("warns when a weighted canary counts on users nothing may send, and not once a load test or a caller feeds it", () => {
    const starved = stack(WEIGHTED, false);
    assert.deepEqual(analysisTrafficWarnings(starved, "mesh-platform"), [
      "mesh-platform:services[1].canary (apps/worker): its weighted analysis counts on users' requests, with no load test that " +
        "reaches the canary, but nothing may call it (it is not exposed and no service lists it under calls.services): every check " +
        "would find no data and the rollout would be rolled back. Add a canary.loadTest against worker-canary.apps:80, or a caller",
    ]);
    assert.deepEqual(analysisTrafficWarnings(stack({ ...WEIGHTED, loadTest: LOAD_TEST }, false), "mesh-platform"), []);
    assert.deepEqual(analysisTrafficWarnings(stack(WEIGHTED, true), "mesh-platform"), []);
    const result = runCheck({
      subject: { kind: "stack", config: starved, file: "Pulumi.lab.yaml", webhookUrlOf: webhookPlaceholder },
      packConfig: {},
    });
    assert.deepEqual(
      result.violations.filter((v) => v.rule === STARVED_CANARY_RULE).map((v) => [v.subject, v.level]),
      [["Canary apps/worker", "advisory"]],
    );
  });

  it("warns of a load test it cannot read, and of a weighted canary's load test that misses the canary", () => {
    assert.deepEqual(analysisTrafficWarnings(stack({ ...WEIGHTED, loadTest: { command: "ghz worker-canary.apps:80" } }, true), "p"), [
      "p:services[1].canary (apps/worker): cannot tell whether the load test (canary.loadTest: ghz worker-canary.apps:80) reaches " +
        "the canary: it runs ghz, and this check reads only hey and curl",
    ]);
    assert.deepEqual(analysisTrafficWarnings(stack({ ...WEIGHTED, loadTest: { command: "hey http://worker.apps/" } }, true), "p"), [
      "p:services[1].canary (apps/worker): the load test (canary.loadTest) does not reach the canary: worker.apps:80: the load " +
        "tester's proxy knows only the canaries, so a request to the service's own host never takes Flagger's routes: call " +
        "worker-canary.apps:80",
    ]);
    const [worker] = stackAnalysisTraffic(stack({ ...WEIGHTED, loadTest: { command: "hey http://worker.apps/" } }, false));
    assert.ok(worker.starved, "a load test that misses the canary does not feed it");
  });
});
