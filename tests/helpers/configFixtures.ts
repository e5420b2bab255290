/** Stack configs for tests: a minimal one to vary, one that switches on every option, and ways to see what parsing says about them. */
import { strict as assert } from "node:assert";
import { parseStackConfig, StackConfigError } from "../../infra/config/parse";
import { type StackConfig } from "../../infra/config/schema";
import { minimalStackValues } from "./stackFiles";

export function minimalConfig(overrides: Record<string, unknown> = {}): StackConfig {
  return parseStackConfig({ ...minimalStackValues(), ...overrides });
}

/**
 * Every optional feature at once: two istiod revisions with tags (a namespace on each, the gateway
 * on a revision by name), gateway with a Gateway both shop services are exposed through, calls
 * within and across namespaces and to an external API, a rate limit, alerts through Slack and
 * Microsoft Teams by severity, monitors, A/B,
 * stepWeights, custom metrics, an autoscaler, faults.
 */
export function everythingValues(): Record<string, unknown> {
  return {
    cluster: {
      kind: "eks",
      name: "lab",
      region: "us-east-1",
      roleArn: "arn:aws:iam::123456789012:role/deployer",
      profile: "lab",
      nodeSecurityGroupId: "sg-0abc",
    },
    versions: { istio: "1.31.1", flagger: "1.44.0", loadtester: "0.38.0" },
    istio: {
      revisions: [
        { name: "1-30", version: "1.30.5", tags: ["stable"] },
        { name: "1-31", version: "1.31.1", tags: ["canary"] },
      ],
      defaultRevision: "stable",
      ingressGateway: {
        enabled: true,
        namespace: "edge",
        scheme: "internal",
        revision: "1-31",
        gateways: [{ name: "public", hosts: ["shop.example.com", "*.api.example.com"], credentialName: "shop-tls" }],
      },
      outboundTrafficPolicy: "REGISTRY_ONLY",
      accessLogs: false,
      tracing: { collector: "otel-collector.observability.svc.cluster.local:4317", samplingPercent: 2.5 },
    },
    flagger: {
      namespace: "flagger-system",
      metricsServer: "http://prometheus.monitoring:9090",
      alertProviders: [
        { name: "deploys", type: "slack", channel: "deploys", username: "flagger" },
        { name: "on-call", type: "msteams" },
      ],
      alerts: [
        { provider: "deploys", severity: "info" },
        { provider: "on-call", severity: "error" },
      ],
      prometheusOperator: { labels: { release: "prom" }, alertLabels: { team: "checkout" } },
    },
    kiali: {
      enabled: true,
      operatorNamespace: "kiali",
      auth: { strategy: "openid", issuerUri: "https://login.example.com/realms/platform", clientId: "kiali", usernameClaim: "email" },
    },
    namespaces: [
      { name: "shop", labels: { team: "checkout" } },
      { name: "search", revision: "canary" },
    ],
    services: [
      {
        name: "cart",
        namespace: "shop",
        port: 8080,
        delivery: "progressive",
        serviceAccount: "cart-sa",
        calls: { services: ["search/search-api"], apis: ["payments"] },
        expose: { gateway: "public", hosts: ["shop.example.com"], pathPrefix: "/cart" },
        rateLimit: { requests: 100, per: "1s", burst: 200 },
        autoscaler: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 },
        timeout: "5s",
        retries: { attempts: 2, perTryTimeout: "2s" },
        trafficPolicy: {
          loadBalancer: "LEAST_REQUEST",
          connectionPool: {
            http: { http1MaxPendingRequests: 50, http2MaxRequests: 500, maxRequestsPerConnection: 10, maxRetries: 3, idleTimeout: "30s" },
          },
          outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
        },
        canary: {
          interval: "30s",
          threshold: 4,
          maxWeight: 40,
          stepWeights: [5, 10, 20, 40],
          smokeTest: { command: "curl -sf http://cart-canary.shop:8080/healthz" },
          loadTest: { command: "hey -z 30s -q 5 -c 2 http://cart-canary.shop:8080/" },
          metrics: [{ name: "error-budget", query: "sum(rate(errors[1m]))", max: 5, interval: "1m" }],
        },
      },
      {
        name: "search-api",
        namespace: "search",
        port: 9090,
        delivery: "progressive",
        trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 30 } },
        canary: {
          interval: "1m",
          threshold: 3,
          strategy: "abTest",
          iterations: 10,
          match: { header: {}, cookie: "^(.*?;)?(canary=always)(;.*)?$" },
          alerts: false,
          revertOnDeletion: true,
          progressDeadlineSeconds: 900,
        },
      },
      {
        name: "checkout",
        namespace: "shop",
        port: 8443,
        targetPort: 9443,
        delivery: "static",
        calls: { services: ["cart"] },
        expose: { gateway: "public", hosts: ["shop.example.com"], pathPrefix: "/checkout" },
        timeout: "10s",
        retries: { attempts: 3, perTryTimeout: "3s", retryOn: "5xx" },
        split: { stable: 90, canary: 10 },
        canaryHeader: { name: "x-beta", value: "yes" },
        subsets: { stable: { track: "stable" }, canary: { track: "canary" } },
        faultInjection: { delay: { percentage: 1, fixedDelay: "2s" }, abort: { percentage: 0.5, httpStatus: 503 } },
        trafficPolicy: {
          loadBalancer: "ROUND_ROBIN",
          connectionPool: { tcp: { maxConnections: 100, connectTimeout: "1s" }, http: { http1MaxPendingRequests: 10 } },
          outlierDetection: { consecutive5xxErrors: 3, interval: "30s", baseEjectionTime: "1m", maxEjectionPercent: 25 },
        },
      },
    ],
    externalApis: [{ name: "payments", hosts: ["api.payments.example"], ports: [{ number: 443, protocol: "TLS" }] }],
  };
}

export function everythingConfig(): StackConfig {
  return parseStackConfig(everythingValues());
}

/** The problems parseStackConfig reports for these values; fails if it accepts them. */
export function problemsOf(values: Record<string, unknown>): string[] {
  try {
    parseStackConfig(values);
  } catch (error) {
    assert.ok(error instanceof StackConfigError, `expected a StackConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail("the config was accepted");
}

export function withService(service: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...minimalStackValues(),
    flagger: {
      metricsServer: "http://prom:9090",
      alertProviders: [{ name: "deploys", type: "slack" }],
      alerts: [{ provider: "deploys", severity: "info" }],
    },
    services: [service],
    ...extra,
  };
}

export const progressive = (canary: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  name: "web",
  namespace: "apps",
  port: 80,
  delivery: "progressive",
  canary: { interval: "1m", threshold: 5, maxWeight: 50, stepWeight: 10, ...canary },
  ...rest,
});
export const staticService = (rest: Record<string, unknown> = {}) => ({
  name: "api",
  namespace: "apps",
  port: 80,
  delivery: "static",
  ...rest,
});
