import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../../infra/config/parse";
import type { ProgressiveServiceConfig } from "../../../infra/config/schema";
import { problemsOf, progressive, withService } from "../../helpers/configFixtures";

/** A progressive service with this strategy's own keys and no weights (the weighted fixture's are removed). */
const withStrategy = (canary: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  withService(progressive({ maxWeight: undefined, stepWeight: undefined, ...canary }, rest));
/** A load test that reaches the fixture service's canary (web in apps, port 80). */
const WEB_LOAD_TEST = { command: "hey -z 1m -q 5 -c 2 http://web-canary.apps:80/" };
const parsedCanary = (values: Record<string, unknown>) => (parseStackConfig(values).services[0] as ProgressiveServiceConfig).canary;

describe("delivery strategies in config", () => {
  it("accepts each strategy with its own keys, and defaults the rest", () => {
    assert.equal(parseStackConfig(withService(progressive({}))).services[0].delivery, "progressive");
    assert.equal(parsedCanary(withService(progressive({}))).strategy, "weighted");
    assert.equal(parsedCanary(withStrategy({ strategy: "blueGreen", iterations: 5, loadTest: WEB_LOAD_TEST })).iterations, 5);
    assert.deepEqual(parsedCanary(withStrategy({ strategy: "abTest", iterations: 5, match: { header: {} } })).match, {
      header: { name: "x-canary", value: "true" },
    });
    assert.equal(parsedCanary(withStrategy({ strategy: "mirroring", iterations: 5, mirrorWeight: 25 })).mirrorWeight, 25);
    const affinity = parsedCanary(withService(progressive({ strategy: "sessionAffinity", sessionAffinity: { maxAge: 3600 } })));
    assert.deepEqual(affinity.sessionAffinity, { cookieName: "flagger-cookie", maxAge: 3600 });
    const defaults = parsedCanary(withService(progressive({})));
    assert.deepEqual([defaults.revertOnDeletion, defaults.progressDeadlineSeconds], [true, 600]);
  });

  it("requires iterations of blue/green, A/B and mirroring, and a match of A/B", () => {
    assert.deepEqual(problemsOf(withStrategy({ strategy: "blueGreen" })), [
      "mesh-platform:services[0].canary.iterations: is required for strategy blueGreen (got nothing)",
    ]);
    assert.deepEqual(problemsOf(withStrategy({ strategy: "abTest", iterations: 3 })), [
      "mesh-platform:services[0].canary.match: is required for strategy abTest (got nothing)",
    ]);
    assert.deepEqual(problemsOf(withStrategy({ strategy: "abTest", iterations: 3, match: {} })), [
      "mesh-platform:services[0].canary.match: needs a header, a cookie or both (got {})",
    ]);
  });

  it("refuses keys a strategy would silently ignore", () => {
    assert.deepEqual(problemsOf(withService(progressive({ iterations: 5, mirrorWeight: 10, sessionAffinity: {} }))), [
      "mesh-platform:services[0].canary.iterations: does not apply to strategy weighted; it belongs to blueGreen, abTest, mirroring (got 5)",
      "mesh-platform:services[0].canary.mirrorWeight: does not apply to strategy weighted; it belongs to mirroring (got 10)",
      'mesh-platform:services[0].canary.sessionAffinity: does not apply to strategy weighted; it belongs to sessionAffinity (got {"cookieName":"flagger-cookie","maxAge":86400})',
    ]);
    assert.deepEqual(problemsOf(withService(progressive({ strategy: "mirroring", iterations: 5, match: { cookie: "canary" } }))), [
      'mesh-platform:services[0].canary.match: does not apply to strategy mirroring; it belongs to abTest (got {"cookie":"canary"})',
      "mesh-platform:services[0].canary.maxWeight: does not apply to strategy mirroring, which does not shift traffic by weight (got 50)",
      "mesh-platform:services[0].canary.stepWeight: does not apply to strategy mirroring, which does not shift traffic by weight (got 10)",
    ]);
    assert.deepEqual(problemsOf(withStrategy({ strategy: "sessionAffinity" })), [
      "mesh-platform:services[0].canary.maxWeight: is required for a weighted rollout (got nothing)",
    ]);
  });

  it("refuses a cookie expression RE2 cannot run, a deadline past the bound and an autoscaler an HPA refuses", () => {
    assert.deepEqual(
      problemsOf(withStrategy({ strategy: "abTest", iterations: 3, match: { cookie: "(?<=x)canary" }, progressDeadlineSeconds: 3600 })),
      [
        "mesh-platform:services[0].canary.match.cookie: must be an RE2 regular expression: error parsing regexp: invalid named capture: `(?<=x)canary` " +
          '(got "(?<=x)canary")',
        "mesh-platform:services[0].canary.progressDeadlineSeconds: must be at most 1800: an analysis stuck longer is rolled back too late (got 3600)",
      ],
    );
    assert.deepEqual(problemsOf(withService(progressive({}, { autoscaler: { minReplicas: 5, maxReplicas: 2 } }))), [
      "mesh-platform:services[0].autoscaler.minReplicas: is above autoscaler.maxReplicas (2); a HorizontalPodAutoscaler needs its minimum at or below its maximum (got 5)",
    ]);
  });

  it("routes alerts by severity to declared providers, each with only the fields its type reads", () => {
    const flagger = (alertProviders: unknown[], alerts: unknown[]) => ({
      ...withService(progressive({})),
      flagger: { metricsServer: "http://prom:9090", alertProviders, alerts },
    });
    assert.deepEqual(
      problemsOf(
        flagger(
          [
            { name: "deploys", type: "slack", channel: "deploys" },
            { name: "deploys", type: "msteams", channel: "ops" },
          ],
          [
            { provider: "deploys", severity: "info" },
            { provider: "pager", severity: "error" },
            { provider: "deploys", severity: "info" },
          ],
        ),
      ),
      [
        'mesh-platform:flagger.alertProviders[1].name: is listed twice (also alertProviders[0]) (got "deploys")',
        'mesh-platform:flagger.alertProviders[1].channel: does not apply to type msteams; it posts where its webhook points (got "ops")',
        'mesh-platform:flagger.alerts[1].provider: is not a provider under flagger.alertProviders (got "pager")',
        'mesh-platform:flagger.alerts[2]: is listed twice (got {"provider":"deploys","severity":"info"})',
      ],
    );
    assert.deepEqual(problemsOf(flagger([{ name: "deploys", type: "telegram" }], [])), [
      'mesh-platform:flagger.alertProviders[0].type: Invalid option: expected one of "slack"|"msteams"|"discord"|"rocket"|"gchat" (got "telegram")',
    ]);
  });

  it("matches webhook URLs to providers, in both directions, where their names are known", () => {
    const values = withService(progressive({}));
    assert.deepEqual(problemsOfWith(values, new Set(["deploys", "pager"])), [
      "mesh-platform:alertWebhookUrls.pager: names no provider under flagger.alertProviders",
    ]);
    assert.deepEqual(problemsOfWith(values, new Set()), [
      "mesh-platform:alertWebhookUrls.deploys: is required for alert provider deploys: run `pulumi config set --secret --path 'alertWebhookUrls.deploys' <url>`",
    ]);
    assert.doesNotThrow(() => parseStackConfig(values, { alertWebhookNames: new Set(["deploys"]) }));
  });
});

/** The problems parsing reports when the webhook URLs' names are known. */
function problemsOfWith(values: Record<string, unknown>, alertWebhookNames: ReadonlySet<string>): string[] {
  try {
    parseStackConfig(values, { alertWebhookNames });
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
  assert.fail("accepted");
}

describe("analysis traffic in config", () => {
  const bg = (command?: string) => withStrategy({ strategy: "blueGreen", iterations: 5, ...(command ? { loadTest: { command } } : {}) });
  const key = "mesh-platform:services[0].canary.loadTest";

  it("refuses a blue/green service without a load test, naming the service and what is missing", () => {
    assert.deepEqual(problemsOf(bg()), [
      `${key}: a blue/green analysis sends the canary no user requests, and there is no load test (canary.loadTest) to send any: ` +
        "every check would find no data and the rollout would be rolled back; add one that calls web-canary.apps:80 (got nothing)",
    ]);
    assert.doesNotThrow(() => parseStackConfig(bg(WEB_LOAD_TEST.command)));
  });

  it("refuses a blue/green or mirroring load test aimed at <name> instead of <name>-canary, both ways", () => {
    assert.deepEqual(problemsOf(bg("hey -z 1m http://web.apps:80/")), [
      `${key}.command: the load test (canary.loadTest) does not reach the canary: web.apps:80 sends every request to the primary ` +
        'during a blue/green analysis: call web-canary.apps:80 (got "hey -z 1m http://web.apps:80/")',
    ]);
    const mirroring = (command: string) => withStrategy({ strategy: "mirroring", iterations: 5, loadTest: { command } });
    assert.equal(problemsOf(mirroring("hey -z 1m http://web.apps/")).length, 1);
    assert.doesNotThrow(() => parseStackConfig(mirroring("hey -z 1m http://web-canary.apps/")));
    assert.doesNotThrow(() => parseStackConfig(withStrategy({ strategy: "mirroring", iterations: 5 })), "users' requests are mirrored");
  });

  it("refuses a canary host without its namespace, which resolves in the load tester's namespace", () => {
    assert.deepEqual(problemsOf(bg("hey -z 1m http://web-canary/")), [
      `${key}.command: the load test (canary.loadTest) does not reach the canary: web-canary:80 names no namespace, so it resolves ` +
        "in the load tester's namespace (flagger-loadtester), not in apps: call web-canary.apps:80 " +
        '(got "hey -z 1m http://web-canary/")',
    ]);
  });

  it("refuses an A/B load test without the match header, and accepts it with the header or the cookie", () => {
    const ab = (command: string) =>
      withStrategy({
        strategy: "abTest",
        iterations: 5,
        match: { header: {}, cookie: "^(.*?;)?(canary=always)(;.*)?$" },
        loadTest: { command },
      });
    assert.deepEqual(problemsOf(ab("hey -z 1m http://web-canary.apps/")), [
      `${key}.command: the load test (canary.loadTest) calls http://web-canary.apps/ without the A/B test's match (header x-canary: ` +
        "true, or a cookie matching ^(.*?;)?(canary=always)(;.*)?$): an A/B load test sends what takes matched users to the canary " +
        '(hey -H, curl -H or -b) (got "hey -z 1m http://web-canary.apps/")',
    ]);
    assert.doesNotThrow(() => parseStackConfig(ab("hey -z 1m -H 'x-canary: true' http://web-canary.apps/")));
    assert.doesNotThrow(() => parseStackConfig(ab("curl -sf -b canary=always http://web-canary.apps/")));
    // The service's own host never takes Flagger's routes from the load tester: its proxy knows only the canaries.
    assert.equal(problemsOf(ab("hey -H 'x-canary: true' http://web.apps/")).length, 1);
  });

  it("accepts an A/B load test through a public host only where the mesh lets the load tester out", () => {
    const exposed = (policy: "ALLOW_ANY" | "REGISTRY_ONLY") => {
      const service = progressive(
        {
          maxWeight: undefined,
          stepWeight: undefined,
          strategy: "abTest",
          iterations: 5,
          match: { header: {} },
          loadTest: { command: "hey -H 'x-canary: true' https://shop.example.com/web/" },
        },
        { expose: { gateway: "public", hosts: ["shop.example.com"], pathPrefix: "/web" } },
      );
      const values = withService(service);
      return {
        ...values,
        istio: {
          outboundTrafficPolicy: policy,
          ingressGateway: { enabled: true, gateways: [{ name: "public", hosts: ["shop.example.com"], credentialName: "shop-tls" }] },
        },
      };
    };
    assert.doesNotThrow(() => parseStackConfig(exposed("ALLOW_ANY")));
    assert.deepEqual(
      problemsOf(exposed("REGISTRY_ONLY")).map((p) => p.replace(/ \(got .*$/, "")),
      [
        `${key}.command: the load test (canary.loadTest) does not reach the canary: shop.example.com: istio.outboundTrafficPolicy ` +
          "REGISTRY_ONLY keeps the load tester's requests to public hosts inside the mesh: call web-canary.apps:80",
      ],
    );
  });

  it("accepts a weighted canary with no load test or one the check cannot read: users' requests reach it", () => {
    assert.doesNotThrow(() => parseStackConfig(withService(progressive({}))));
    assert.doesNotThrow(() => parseStackConfig(withService(progressive({ loadTest: { command: "ghz web-canary.apps:80" } }))));
    assert.doesNotThrow(
      () => parseStackConfig(bg("ghz --insecure web-canary.apps:80")),
      "a command it cannot read is a warning, not an error",
    );
  });
});
