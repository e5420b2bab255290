import { strict as assert } from "node:assert";
import { StackConfigError } from "../../infra/config/parse";
import { runStack } from "../../infra/program/program";
import { runUnderMocks } from "../helpers/pulumiHarness";
import {
  ALERT_WEBHOOKS_KEY,
  alertWebhookSecrets,
  asCliConfig,
  referenceStackConfig,
  stackFileConfig,
  stackNames,
} from "../helpers/stackFiles";
import { evaluatePack, resourcesOfRecording, stackPackConfig, type LeveledViolation } from "./policyHarness";

/** The production stack file with the given services replaced (by name), then the pack over it. */
async function violationsFor(
  change: (services: Record<string, any>[]) => Record<string, any>[],
  config = stackPackConfig("production"),
): Promise<LeveledViolation[]> {
  const stack = referenceStackConfig("production");
  const services = change(JSON.parse(JSON.stringify(stack["mesh-platform:services"])));
  const run = await runUnderMocks(asCliConfig({ ...stack, ...alertWebhookSecrets(stack), "mesh-platform:services": services }), runStack, {
    secretKeys: [ALERT_WEBHOOKS_KEY],
  });
  return evaluatePack(resourcesOfRecording(run.resources), config);
}

const mandatory = (violations: LeveledViolation[]) =>
  violations.filter((v) => v.level === "mandatory").map((v) => `${v.rule}: ${v.message}`);
const userService = (services: Record<string, any>[]) => services.find((s) => s.name === "user-service")!;
const paymentService = (services: Record<string, any>[]) => services.find((s) => s.name === "payment-service")!;

describe("the policy pack over the whole program", () => {
  for (const stack of stackNames()) {
    it(`finds no mandatory violation in the project's ${stack} stack`, async () => {
      const config = stackFileConfig(stack);
      const run = await runUnderMocks(asCliConfig({ ...config, ...alertWebhookSecrets(config) }), runStack, {
        secretKeys: [ALERT_WEBHOOKS_KEY],
      });
      assert.deepEqual(mandatory(evaluatePack(resourcesOfRecording(run.resources), stackPackConfig(stack))), []);
    });
  }

  for (const stack of ["production", "staging"] as const) {
    it(`finds no violation at all in the reference ${stack} stack`, async () => {
      const config = referenceStackConfig(stack);
      const run = await runUnderMocks(asCliConfig({ ...config, ...alertWebhookSecrets(config) }), runStack, {
        secretKeys: [ALERT_WEBHOOKS_KEY],
      });
      assert.deepEqual(evaluatePack(resourcesOfRecording(run.resources), stackPackConfig(stack)), []);
    });
  }

  it("canary family: a heavy, slow canary breaks canary-limits and canary-timing, nothing else", async () => {
    const violations = await violationsFor((services) => {
      Object.assign(userService(services).canary, { maxWeight: 80, stepWeight: 20, interval: "2m", threshold: 10 });
      return services;
    });
    assert.deepEqual(mandatory(violations), [
      "canary-limits: Canary production/user-service: analysis.maxWeight 80 exceeds 50: a failing canary could take that share of traffic",
      "canary-timing: Canary production/user-service: a failing canary is rolled back only after 20m (threshold 10 x interval 2m), more than 10m",
    ]);
  });

  it("canary family, advisory: a canary without webhooks or alerts is only advised", async () => {
    const violations = await violationsFor((services) => {
      const canary = userService(services).canary;
      delete canary.smokeTest;
      delete canary.loadTest;
      canary.alerts = false;
      return services;
    });
    assert.deepEqual(mandatory(violations), []);
    assert.deepEqual(
      violations.map((v) => `${v.level} ${v.rule}`),
      ["advisory canary-webhooks", "advisory canary-webhooks", "advisory canary-alerts"],
    );
  });

  it("circuit-breaker family: loose outlier detection and no pools", async () => {
    const violations = await violationsFor((services) => {
      paymentService(services).trafficPolicy = {
        outlierDetection: { consecutive5xxErrors: 20, interval: "30s", baseEjectionTime: "5s", maxEjectionPercent: 100 },
      };
      return services;
    });
    assert.deepEqual(mandatory(violations), [
      "circuit-breaker: DestinationRule production/payment-service: trafficPolicy.outlierDetection.consecutive5xxErrors 20 must be between 3 and 10",
      "circuit-breaker: DestinationRule production/payment-service: trafficPolicy.outlierDetection.maxEjectionPercent 100 must be at most 50",
      'circuit-breaker: DestinationRule production/payment-service: trafficPolicy.outlierDetection.baseEjectionTime "5s" must be at least 30s',
      "circuit-breaker: DestinationRule production/payment-service: trafficPolicy.connectionPool sets none of tcp.maxConnections, http.http1MaxPendingRequests, http.http2MaxRequests: the pool is unbounded",
    ]);
  });

  it("static split family: a canary share above the canary maxWeight", async () => {
    const violations = await violationsFor((services) => {
      paymentService(services).split = { stable: 40, canary: 60 };
      return services;
    });
    assert.deepEqual(mandatory(violations), [
      "static-split: VirtualService production/payment-service: http[1] (weighted-split) sends 60% to the canary, more than 50%",
      "static-split: VirtualService production/payment-service-ingress: http[1] (weighted-split) sends 60% to the canary, more than 50%",
    ]);
  });

  it("mesh consistency family: static routing for a host Flagger owns is stopped by the config, before the pack", async () => {
    // The pack's no-routing-on-canaried-hosts still guards objects from elsewhere (its own spec shows it);
    // from the stack config, such a name never gets as far as a resource.
    await assert.rejects(
      violationsFor((services) => [...services, { ...paymentService(services), name: "user-service-canary", expose: undefined }]),
      (error: unknown) => {
        assert.ok(error instanceof StackConfigError);
        assert.deepEqual(error.problems, [
          "mesh-platform:services[2].name: is a name Flagger generates for services[0] (user-service, progressive) in namespace production; " +
            'rename one of them (got "user-service-canary")',
        ]);
        return true;
      },
    );
  });

  it("security family: without the load tester exception in the pack config, its PERMISSIVE policy is refused", async () => {
    const config = { ...stackPackConfig("production"), "strict-mtls": { allowedExceptions: [] } };
    const violations = await violationsFor((services) => services, config);
    assert.deepEqual(mandatory(violations), [
      'strict-mtls: PeerAuthentication flagger-loadtester/loadtester-webhooks: mtls mode PERMISSIVE for workloads {"app":"loadtester"}, which are not an allowed exception',
    ]);
  });
});
