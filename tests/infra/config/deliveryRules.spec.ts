import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../../infra/config/parse";
import type { ProgressiveServiceConfig } from "../../../infra/config/schema";
import { problemsOf, progressive, withService } from "../../helpers/configFixtures";

/** A progressive service with this strategy's own keys and no weights (the weighted fixture's are removed). */
const withStrategy = (canary: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  withService(progressive({ maxWeight: undefined, stepWeight: undefined, ...canary }, rest));
const parsedCanary = (values: Record<string, unknown>) => (parseStackConfig(values).services[0] as ProgressiveServiceConfig).canary;

describe("delivery strategies in config", () => {
  it("accepts each strategy with its own keys, and defaults the rest", () => {
    assert.equal(parseStackConfig(withService(progressive({}))).services[0].delivery, "progressive");
    assert.equal(parsedCanary(withService(progressive({}))).strategy, "weighted");
    assert.equal(parsedCanary(withStrategy({ strategy: "blueGreen", iterations: 5 })).iterations, 5);
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
