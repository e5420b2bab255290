import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { runStack, type StackOutputs } from "../../../infra/program/program";
import { crdSourceOf } from "../../../policies/vocabulary/crdSources";
import { apiVersionOfType } from "../../../policies/rules/lib/pulumiTypes";
import { StackConfigError } from "../../../infra/config/parse";
import {
  ALERT_WEBHOOKS_KEY,
  alertWebhookSecrets,
  asCliConfig,
  minimalStackValues,
  PROJECT_ROOT,
  referenceStackConfig,
  withProjectPrefix,
} from "../../helpers/stackFiles";
import { everythingValues, progressive } from "../../helpers/configFixtures";
import { key, runUnderMocks, unwrap, type RecordedResource, type Recording } from "../../helpers/pulumiHarness";

const CHART = "kubernetes:helm.sh/v4:Chart";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXX";
const TEAMS_URL = "https://example.webhook.office.com/webhookb2/XXXX";
const SECRET_KEYS = [ALERT_WEBHOOKS_KEY];
const WEBHOOKS = { [ALERT_WEBHOOKS_KEY]: { deployments: SLACK_URL, "on-call": TEAMS_URL } };

function productionConfig(): Record<string, string> {
  return asCliConfig({ ...referenceStackConfig("production"), ...WEBHOOKS });
}

const ISTIOD_OLD = `${CHART}::istio-istiod-1-30-5`;
const ISTIOD_NEW = `${CHART}::istio-istiod-1-31-1`;

const spec = (record: { inputs: Record<string, unknown> }) => record.inputs.spec as Record<string, any>;

/** Every resource the reference production stack declares, sorted by `type::name`. */
const PRODUCTION_INVENTORY = [
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::cluster-istiod-webhook",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::cluster-istiod-xds",
  "kubernetes:core/v1:Namespace::flagger-loadtester",
  "kubernetes:core/v1:Namespace::istio-gateway-namespace",
  "kubernetes:core/v1:Namespace::istio-namespace",
  "kubernetes:core/v1:Namespace::kiali-operator-namespace",
  "kubernetes:core/v1:Namespace::production",
  "kubernetes:core/v1:Secret::flagger-flagger-deployments",
  "kubernetes:core/v1:Secret::flagger-flagger-on-call",
  "kubernetes:core/v1:ServiceAccount::production-serviceaccount-payment-service",
  "kubernetes:core/v1:ServiceAccount::production-serviceaccount-user-service",
  "kubernetes:flagger.app/v1beta1:AlertProvider::flagger-deployments",
  "kubernetes:flagger.app/v1beta1:AlertProvider::flagger-on-call",
  "kubernetes:flagger.app/v1beta1:Canary::production/user-service-canary",
  "kubernetes:helm.sh/v4:Chart::flagger",
  "kubernetes:helm.sh/v4:Chart::flagger-loadtester",
  "kubernetes:helm.sh/v4:Chart::istio-base",
  "kubernetes:helm.sh/v4:Chart::istio-gateway",
  "kubernetes:helm.sh/v4:Chart::istio-istiod-1-30-5",
  "kubernetes:helm.sh/v4:Chart::istio-istiod-1-31-1",
  "kubernetes:helm.sh/v4:Chart::kiali-operator",
  "kubernetes:kiali.io/v1alpha1:Kiali::kiali-instance",
  "kubernetes:monitoring.coreos.com/v1:PodMonitor::flagger-flagger-controller",
  "kubernetes:monitoring.coreos.com/v1:PodMonitor::flagger-istio-ingressgateway",
  "kubernetes:monitoring.coreos.com/v1:PodMonitor::flagger-istio-sidecars",
  "kubernetes:monitoring.coreos.com/v1:PrometheusRule::flagger-flagger-canaries",
  "kubernetes:monitoring.coreos.com/v1:ServiceMonitor::flagger-istiod",
  "kubernetes:networking.istio.io/v1:DestinationRule::production/payment-service-destinationrule",
  "kubernetes:networking.istio.io/v1:Gateway::istio-gateway-public",
  "kubernetes:networking.istio.io/v1:ServiceEntry::production-serviceentry-payment-provider",
  "kubernetes:networking.istio.io/v1:Sidecar::flagger-loadtester-sidecar",
  "kubernetes:networking.istio.io/v1:Sidecar::production-sidecar",
  "kubernetes:networking.istio.io/v1:Sidecar::production/payment-service-sidecar-payment-service",
  "kubernetes:networking.istio.io/v1:Sidecar::production/user-service-sidecar-user-service",
  "kubernetes:networking.istio.io/v1:Sidecar::production/user-service-sidecar-user-service-primary",
  "kubernetes:networking.istio.io/v1:VirtualService::production/payment-service-ingress-virtualservice",
  "kubernetes:networking.istio.io/v1:VirtualService::production/payment-service-virtualservice",
  "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter::production/user-service-envoyfilter-user-service-primary-ratelimit",
  "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter::production/user-service-envoyfilter-user-service-ratelimit",
  "kubernetes:security.istio.io/v1:AuthorizationPolicy::flagger-loadtester-authz-allow-nothing",
  "kubernetes:security.istio.io/v1:AuthorizationPolicy::flagger-loadtester-authz-loadtester-webhooks",
  "kubernetes:security.istio.io/v1:AuthorizationPolicy::production-authz-allow-nothing",
  "kubernetes:security.istio.io/v1:AuthorizationPolicy::production/payment-service-authz-payment-service-callers",
  "kubernetes:security.istio.io/v1:AuthorizationPolicy::production/user-service-authz-user-service-callers",
  "kubernetes:security.istio.io/v1:AuthorizationPolicy::production/user-service-authz-user-service-primary-callers",
  "kubernetes:security.istio.io/v1:PeerAuthentication::flagger-loadtester-default",
  "kubernetes:security.istio.io/v1:PeerAuthentication::flagger-loadtester-loadtester-webhooks",
  "kubernetes:security.istio.io/v1:PeerAuthentication::production-default",
  "kubernetes:telemetry.istio.io/v1:Telemetry::istio-telemetry",
  "mesh:delivery:CanariedService::production/user-service",
  "mesh:delivery:RoutedService::production/payment-service",
  "mesh:flagger:Flagger::flagger",
  "mesh:istio:IstioControlPlane::istio",
  "mesh:namespaces:MeshNamespace::flagger-loadtester",
  "mesh:namespaces:MeshNamespace::production",
  "mesh:observability:Kiali::kiali",
  "pulumi:providers:aws::cluster-aws",
  "pulumi:providers:kubernetes::cluster",
];

describe("the whole program on the reference production stack", () => {
  let run: Recording;

  before(async () => {
    run = await runUnderMocks(productionConfig(), runStack, { secretKeys: SECRET_KEYS });
  });

  it("declares exactly the production mesh", () => {
    const declared = run.resources.map((r) => key(r.type, r.name)).sort();
    assert.deepEqual(declared, PRODUCTION_INVENTORY);
  });

  it("sends every Kubernetes resource through the one cluster provider", () => {
    const kubernetes = run.resources.filter((r) => r.type.startsWith("kubernetes:"));
    // Every resource the inventory lists except the AWS ones, the providers and the components.
    assert.deepEqual(
      kubernetes.map((r) => key(r.type, r.name)).sort(),
      run.resources
        .filter((r) => !r.type.startsWith("aws:") && !r.type.startsWith("pulumi:providers:") && !r.type.startsWith("mesh:"))
        .map((r) => key(r.type, r.name))
        .sort(),
    );
    assert.ok(kubernetes.some((r) => r.type === CHART) && kubernetes.some((r) => r.type === NAMESPACE));
    for (const resource of kubernetes) {
      assert.match(resource.provider ?? "", /pulumi:providers:kubernetes::cluster::/, key(resource.type, resource.name));
    }
  });

  it("makes every custom resource depend on the chart that ships its CRD, and Istio config on istiod, which validates it", () => {
    const expectedCharts: Record<string, string[]> = {
      "istio-base": [`${CHART}::istio-base`, ISTIOD_OLD, ISTIOD_NEW],
      flagger: [`${CHART}::flagger`],
      "kiali-operator": [`${CHART}::kiali-operator`],
    };
    const sourceOf = (type: string) => crdSourceOf(apiVersionOfType(type) ?? "v1");
    const custom = run.resources.filter((r) => expectedCharts[sourceOf(r.type) ?? ""] !== undefined);
    // Read by API group, independently of crdSourceOf: Istio's groups, Flagger's and Kiali's (not the
    // Prometheus Operator's, whose CRDs come with the cluster).
    const chartShipped = /^kubernetes:([a-z]+\.istio\.io|flagger\.app|kiali\.io)\//;
    assert.deepEqual(
      custom.map((r) => key(r.type, r.name)).sort(),
      PRODUCTION_INVENTORY.filter((name) => chartShipped.test(name)),
    );
    assert.equal(custom.length, 26);
    for (const resource of custom) {
      for (const chart of expectedCharts[sourceOf(resource.type)!]) {
        assert.ok(resource.dependsOn.includes(chart), `${key(resource.type, resource.name)} depends on ${resource.dependsOn.join(", ")}`);
      }
    }
  });

  it("installs the charts in order at pinned versions from Istio's current home, protecting the CRD charts", () => {
    const base = run.get(CHART, "istio-base");
    const [oldIstiod, newIstiod] = [run.get(CHART, "istio-istiod-1-30-5"), run.get(CHART, "istio-istiod-1-31-1")];
    const gateway = run.get(CHART, "istio-gateway");
    const flagger = run.get(CHART, "flagger");
    const loadtester = run.get(CHART, "flagger-loadtester");
    assert.deepEqual(
      [base, oldIstiod, newIstiod, gateway].map((chart) => [chart.inputs.chart, chart.inputs.version]),
      [
        ["base", "1.31.1"],
        ["istiod", "1.30.5"],
        ["istiod", "1.31.1"],
        ["gateway", "1.30.5"],
      ],
    );
    for (const chart of [base, oldIstiod, newIstiod, gateway]) {
      assert.deepEqual(chart.inputs.repositoryOpts, { repo: "https://blob.istio.io/istio-release/charts" });
      assert.equal(chart.parent, "mesh:istio:IstioControlPlane::istio");
    }
    assert.equal(flagger.inputs.version, "1.44.0");
    assert.equal(loadtester.inputs.version, "0.38.0");
    assert.deepEqual(oldIstiod.dependsOn, [`${CHART}::istio-base`]);
    assert.deepEqual(newIstiod.dependsOn, [`${CHART}::istio-base`]);
    assert.deepEqual(gateway.dependsOn, [`${NAMESPACE}::istio-gateway-namespace`, ISTIOD_OLD, ISTIOD_NEW]);
    assert.deepEqual(flagger.dependsOn, [`${NAMESPACE}::istio-namespace`, ISTIOD_OLD, ISTIOD_NEW]);
    assert.deepEqual(loadtester.dependsOn, ["mesh:namespaces:MeshNamespace::flagger-loadtester", ISTIOD_OLD, ISTIOD_NEW]);
    assert.equal(base.protect, true);
    assert.equal(flagger.protect, true);
    assert.equal(oldIstiod.protect, undefined);
  });

  it("runs 1.30.5 and 1.31.1 side by side as revisions, each rendering its own tag", () => {
    const values = (name: string) => run.get(CHART, name).inputs.values as Record<string, any>;
    assert.deepEqual(
      ["istio-istiod-1-30-5", "istio-istiod-1-31-1"].map((name) => [
        run.get(CHART, name).inputs.name,
        values(name).revision,
        values(name).revisionTags,
        run.get(CHART, name).inputs.resourcePrefix,
      ]),
      [
        ["istiod-1-30-5", "1-30-5", ["stable"], "istio-istiod"],
        ["istiod-1-31-1", "1-31-1", ["canary"], "istio-istiod"],
      ],
    );
    // The default validator follows the stable tag; base's defaultRevision must name the revision itself.
    assert.equal(values("istio-base").defaultRevision, "1-30-5");
  });

  it("makes the validating webhooks fail closed on base and istiod, and ignores only the caBundle istiod patches in", () => {
    for (const chart of [run.get(CHART, "istio-base"), run.get(CHART, "istio-istiod-1-30-5"), run.get(CHART, "istio-istiod-1-31-1")]) {
      const values = chart.inputs.values as Record<string, any>;
      assert.deepEqual(values.base, { validationFailurePolicy: "Fail" }, chart.name);
      assert.equal(values.global.istioNamespace, "istio-system", chart.name);
      // Run the chart's own transforms on the webhook configurations it renders (mocks render no chart children).
      for (const kind of ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]) {
        const child = { type: `kubernetes:admissionregistration.k8s.io/v1:${kind}`, name: "istiod", custom: true, props: {}, opts: {} };
        const ignored = chart.transforms.flatMap((transform) => {
          const result = transform(child) as { opts: pulumi.CustomResourceOptions } | undefined;
          return result?.opts.ignoreChanges ?? [];
        });
        assert.deepEqual(ignored, ["webhooks[*].clientConfig.caBundle"], `${chart.name} ${kind}`);
      }
    }
  });

  it("pulls every Istio image from docker.io/istio", () => {
    for (const name of ["istio-istiod-1-30-5", "istio-istiod-1-31-1"]) {
      const values = run.get(CHART, name).inputs.values as Record<string, any>;
      assert.equal(values.hub, "docker.io/istio", name);
      assert.equal(values.global.hub, "docker.io/istio", name);
    }
  });

  it("gives every istiod production values in the 1.24+ layout", () => {
    for (const name of ["istio-istiod-1-30-5", "istio-istiod-1-31-1"]) {
      const values = run.get(CHART, name).inputs.values as Record<string, any>;
      assert.equal(values.autoscaleMin, 2);
      assert.equal(values.pilot, undefined);
      assert.equal(values.profile, undefined);
      // Access logs come from the Telemetry API, never the legacy mesh-wide file.
      assert.equal(values.meshConfig.accessLogFile, undefined);
      assert.equal(values.meshConfig.extensionProviders, undefined);
      assert.equal(values.meshConfig.defaultConfig.holdApplicationUntilProxyStarts, true);
      assert.deepEqual(values.global.proxy.resources, {
        requests: { cpu: "100m", memory: "128Mi" },
        limits: { cpu: "1", memory: "512Mi" },
      });
    }
  });

  it("puts the ingress gateway behind an internet-facing NLB with IP targets, injected through the stable tag", () => {
    const values = run.get(CHART, "istio-gateway").inputs.values as Record<string, any>;
    assert.equal(values.revision, "stable");
    assert.equal(run.get(CHART, "istio-gateway").inputs.namespace, "istio-ingress");
    assert.deepEqual(values.service.annotations, {
      "service.beta.kubernetes.io/aws-load-balancer-type": "external",
      "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
      "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
    });
    assert.equal(values.autoscaling.minReplicas, 3);
  });

  it("installs Flagger for Istio with the configured Prometheus and no webhook URL in chart values", () => {
    const values = run.get(CHART, "flagger").inputs.values as Record<string, any>;
    assert.equal(values.meshProvider, "istio");
    assert.equal(values.metricsServer, "http://kube-prometheus-stack-prometheus.monitoring:9090");
    assert.equal(values.slack, undefined);
    assert.deepEqual(values.leaderElection, { enabled: true, replicaCount: 2 });
  });

  it("labels production for the stable tag and the load tester, moved first, for the canary tag", () => {
    assert.deepEqual((run.get(NAMESPACE, "production").inputs.metadata as any).labels, { "istio.io/rev": "stable" });
    assert.deepEqual((run.get(NAMESPACE, "flagger-loadtester").inputs.metadata as any).labels, { "istio.io/rev": "canary" });
    // The gateway's own namespace says it is in the mesh, on the gateway's tag; istio-system carries no injection label.
    assert.deepEqual((run.get(NAMESPACE, "istio-gateway-namespace").inputs.metadata as any).labels, { "istio.io/rev": "stable" });
    assert.deepEqual(run.get(NAMESPACE, "istio-namespace").inputs.metadata, { name: "istio-system" });
  });

  it("makes the production namespace's mTLS STRICT", () => {
    const namespace = run.get(NAMESPACE, "production");
    assert.equal(namespace.parent, "mesh:namespaces:MeshNamespace::production");
    const policy = run.get("kubernetes:security.istio.io/v1:PeerAuthentication", "production-default");
    assert.deepEqual(spec(policy), { mtls: { mode: "STRICT" } });
    assert.ok(policy.dependsOn.includes(`${NAMESPACE}::production`));
  });

  it("logs every proxy's requests through one Telemetry in the root namespace, and traces nothing by default", () => {
    const telemetry = run.get("kubernetes:telemetry.istio.io/v1:Telemetry", "istio-telemetry");
    assert.equal(telemetry.parent, "mesh:istio:IstioControlPlane::istio");
    assert.deepEqual(telemetry.inputs.metadata, { name: "mesh-default", namespace: "istio-system" });
    assert.deepEqual(spec(telemetry), { accessLogging: [{ providers: [{ name: "envoy" }] }] });
    assert.ok(telemetry.dependsOn.includes(`${NAMESPACE}::istio-namespace`));
  });

  it("lets only the load tester accept Flagger's plain-text webhook calls", () => {
    const exception = run.get("kubernetes:security.istio.io/v1:PeerAuthentication", "flagger-loadtester-loadtester-webhooks");
    assert.deepEqual(spec(exception), { selector: { matchLabels: { app: "loadtester" } }, mtls: { mode: "PERMISSIVE" } });
    assert.deepEqual(spec(run.get("kubernetes:security.istio.io/v1:PeerAuthentication", "flagger-loadtester-default")), {
      mtls: { mode: "STRICT" },
    });
  });

  it("exposes user-service at api.ecommerce.com/api/users through the public Gateway, with HTTPS and an HTTP redirect", () => {
    const gateway = run.get("kubernetes:networking.istio.io/v1:Gateway", "istio-gateway-public");
    assert.deepEqual(
      spec(gateway).servers.map((s: any) => [s.port.number, s.hosts, s.tls]),
      [
        [443, ["api.ecommerce.com"], { mode: "SIMPLE", credentialName: "api-ecommerce-com-tls" }],
        [80, ["api.ecommerce.com"], { httpsRedirect: true }],
      ],
    );
    const service = spec(run.get("kubernetes:flagger.app/v1beta1:Canary", "production/user-service-canary")).service;
    assert.deepEqual([service.gateways, service.hosts], [["istio-ingress/public", "mesh"], ["api.ecommerce.com"]]);
    assert.deepEqual(service.match, [{ uri: { prefix: "/api/users" }, gateways: ["istio-ingress/public"] }, { gateways: ["mesh"] }]);
    const ingress = spec(run.get("kubernetes:networking.istio.io/v1:VirtualService", "production/payment-service-ingress-virtualservice"));
    assert.deepEqual(ingress.http[0].match, [{ headers: { "x-canary": { exact: "true" } }, uri: { prefix: "/api/payments" } }]);
  });

  it("lets nothing out but the payment provider, and only from production", () => {
    const values = run.get(CHART, "istio-istiod-1-31-1").inputs.values as any;
    assert.equal(values.meshConfig.outboundTrafficPolicy.mode, "REGISTRY_ONLY");
    const entries = run.ofType("kubernetes:networking.istio.io/v1:ServiceEntry");
    assert.deepEqual(
      entries.map((e) => [(e.inputs.metadata as any).namespace, spec(e).hosts, spec(e).exportTo]),
      [["production", ["api.stripe.com"], ["."]]],
    );
  });

  it("gives the load tester a ServiceAccount of its own, which the canary's policy names", () => {
    assert.deepEqual((run.get(CHART, "flagger-loadtester").inputs.values as any).rbac, { create: true });
    const canaryPods = spec(
      run.get("kubernetes:security.istio.io/v1:AuthorizationPolicy", "production/user-service-authz-user-service-callers"),
    );
    assert.ok(canaryPods.rules[0].from[0].source.principals.includes("cluster.local/ns/flagger-loadtester/sa/flagger-loadtester"));
  });

  it("delivers user-service through a Canary with the production analysis", () => {
    const canary = run.get("kubernetes:flagger.app/v1beta1:Canary", "production/user-service-canary");
    assert.equal(canary.parent, "mesh:delivery:CanariedService::production/user-service");
    assert.deepEqual(canary.inputs.metadata, { name: "user-service", namespace: "production" });
    const { analysis, service } = spec(canary);
    assert.equal(analysis.interval, "1m");
    assert.equal(analysis.threshold, 5);
    assert.equal(analysis.maxWeight, 50);
    assert.equal(analysis.stepWeight, 10);
    assert.deepEqual(
      analysis.metrics.map((m: any) => [m.name, m.thresholdRange]),
      [
        ["request-success-rate", { min: 99 }],
        ["request-duration", { max: 500 }],
      ],
    );
    assert.deepEqual(
      analysis.webhooks.map((w: any) => [w.type, w.metadata.cmd]),
      [
        ["pre-rollout", "curl -sf http://user-service-canary.production:3000/health"],
        ["rollout", "hey -z 1m -q 10 -c 2 http://user-service-canary.production:3000/"],
      ],
    );
    assert.deepEqual(analysis.alerts, [
      { name: "deployments-info", severity: "info", providerRef: { name: "deployments", namespace: "istio-system" } },
      { name: "on-call-error", severity: "error", providerRef: { name: "on-call", namespace: "istio-system" } },
    ]);
    assert.equal(service.port, 3000);
    assert.deepEqual(service.trafficPolicy, {
      tls: { mode: "ISTIO_MUTUAL" },
      connectionPool: { http: { http1MaxPendingRequests: 100, http2MaxRequests: 1000 } },
      outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
    });
  });

  it("declares no VirtualService or DestinationRule for the host Flagger owns", () => {
    const routing = [
      ...run.ofType("kubernetes:networking.istio.io/v1:VirtualService"),
      ...run.ofType("kubernetes:networking.istio.io/v1:DestinationRule"),
    ];
    assert.deepEqual(
      routing.map((r) => (r.inputs.metadata as any).name),
      ["payment-service", "payment-service-ingress", "payment-service"],
      "payment-service's rule and routes (mesh and ingress) are the only routing objects",
    );
  });

  it("gives payment-service its tight circuit breaker and retries", () => {
    const rule = spec(run.get("kubernetes:networking.istio.io/v1:DestinationRule", "production/payment-service-destinationrule"));
    assert.equal(rule.host, "payment-service.production.svc.cluster.local");
    assert.deepEqual(rule.trafficPolicy, {
      tls: { mode: "ISTIO_MUTUAL" },
      loadBalancer: { simple: "LEAST_REQUEST" },
      connectionPool: { http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 2 }, tcp: { maxConnections: 10 } },
      outlierDetection: { consecutive5xxErrors: 3, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
    });
    const routes = spec(run.get("kubernetes:networking.istio.io/v1:VirtualService", "production/payment-service-virtualservice"));
    for (const route of routes.http) {
      assert.equal(route.timeout, "10s");
      assert.deepEqual(route.retries, { attempts: 3, perTryTimeout: "3s", retryOn: "gateway-error,connect-failure,refused-stream" });
    }
    assert.ok(
      run
        .get("kubernetes:networking.istio.io/v1:VirtualService", "production/payment-service-virtualservice")
        .dependsOn.includes("kubernetes:networking.istio.io/v1:DestinationRule::production/payment-service-destinationrule"),
    );
  });

  it("scrapes Flagger and alerts on its canaries through the Prometheus Operator, labelled for the platform team", () => {
    const monitor = run.get("kubernetes:monitoring.coreos.com/v1:PodMonitor", "flagger-flagger-controller");
    assert.equal(monitor.parent, "mesh:flagger:Flagger::flagger");
    assert.deepEqual(monitor.inputs.metadata, {
      name: "flagger-controller",
      namespace: "monitoring",
      labels: { release: "kube-prometheus-stack" },
    });
    assert.deepEqual(spec(monitor).namespaceSelector, { matchNames: ["istio-system"] });
    const rule = run.get("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "flagger-flagger-canaries");
    assert.equal(rule.parent, "mesh:flagger:Flagger::flagger");
    assert.deepEqual(rule.inputs.metadata, {
      name: "flagger-canaries",
      namespace: "monitoring",
      labels: { release: "kube-prometheus-stack" },
    });
    const rules = spec(rule).groups[0].rules as Record<string, any>[];
    // user-service: 600s progress deadline + 6 x 1m to promote at 50% in steps of 10 + 5 x 1m of failed checks.
    assert.deepEqual(
      rules.map((r) => [r.alert, r.for, r.labels]),
      [
        ["FlaggerCanaryFailed", undefined, { team: "platform", severity: "critical" }],
        ["FlaggerCanaryStalled", "21m", { team: "platform", severity: "warning" }],
        ["FlaggerMetricsAbsent", "10m", { team: "platform", severity: "warning" }],
      ],
    );
    assert.match(rules[1].expr, /flagger_canary_status\{namespace="production", name="user-service"\}/);
  });

  it("installs the Kiali operator at its pinned version in a namespace of its own, protected, keeping its CRD", () => {
    const operator = run.get(CHART, "kiali-operator");
    assert.equal(operator.parent, "mesh:observability:Kiali::kiali");
    assert.deepEqual(
      [operator.inputs.name, operator.inputs.namespace, operator.inputs.chart, operator.inputs.version, operator.inputs.repositoryOpts],
      ["kiali-operator", "kiali-operator", "kiali-operator", "2.31.0", { repo: "https://kiali.org/helm-charts" }],
    );
    assert.deepEqual(operator.inputs.values, {
      cr: { create: false },
      onlyViewOnlyMode: true,
      allowAdHocKialiNamespace: false,
      allowAdHocKialiImage: false,
      debug: { enabled: false },
    });
    assert.equal(operator.protect, true);
    assert.deepEqual(operator.dependsOn, [`${NAMESPACE}::kiali-operator-namespace`]);
    assert.deepEqual(run.get(NAMESPACE, "kiali-operator-namespace").inputs.metadata, {
      name: "kiali-operator",
      labels: { "istio-injection": "disabled" },
    });
    // Mocks render no chart children: run the chart's transforms on the CRD it ships, and on something else.
    const retained = (type: string) =>
      operator.transforms.some((transform) => {
        const result = transform({ type, name: "x", custom: true, props: {}, opts: {} }) as
          { opts: pulumi.CustomResourceOptions } | undefined;
        return result?.opts.retainOnDelete === true;
      });
    assert.equal(retained("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition"), true);
    assert.equal(retained("kubernetes:apps/v1:Deployment"), false);
  });

  it("runs a read-only Kiali on the stack's Prometheus behind token login, after the operator and the control plane's namespace", () => {
    const kiali = run.get("kubernetes:kiali.io/v1alpha1:Kiali", "kiali-instance");
    assert.equal(kiali.parent, "mesh:observability:Kiali::kiali");
    assert.deepEqual(kiali.inputs.metadata, { name: "kiali", namespace: "istio-system" });
    assert.deepEqual(spec(kiali), {
      auth: { strategy: "token" },
      deployment: { cluster_wide_access: true, view_only_mode: true, service_type: "ClusterIP" },
      server: { port: 20001, web_root: "/kiali" },
      external_services: {
        prometheus: { url: "http://kube-prometheus-stack-prometheus.monitoring:9090" },
        grafana: { enabled: false },
        tracing: { enabled: false },
      },
    });
    assert.deepEqual(kiali.dependsOn, [`${NAMESPACE}::istio-namespace`, `${CHART}::kiali-operator`]);
  });

  it("keeps each webhook URL a secret: in its provider's Secret, and nowhere else", async () => {
    for (const [provider, url, type] of [
      ["deployments", SLACK_URL, "slack"],
      ["on-call", TEAMS_URL, "msteams"],
    ]) {
      const secret = run.get("kubernetes:core/v1:Secret", `flagger-flagger-${provider}`);
      const address = await unwrap(pulumi.output((secret.props.stringData as Record<string, unknown>).address as pulumi.Input<string>));
      assert.deepEqual(address, { value: url, secret: true });
      const elsewhere = run.resources.filter((r) => r !== secret && JSON.stringify(r.inputs).includes(url));
      assert.deepEqual(
        elsewhere.map((r) => r.name),
        [],
      );
      assert.ok(!JSON.stringify(run.outputs).includes(url));
      const alertProvider = spec(run.get("kubernetes:flagger.app/v1beta1:AlertProvider", `flagger-${provider}`));
      assert.deepEqual([alertProvider.type, alertProvider.secretRef], [type, { name: `flagger-${provider}` }]);
    }
  });

  it("opens istiod's webhook and xDS ports on the node security group", () => {
    const webhook = run.get("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "cluster-istiod-webhook").inputs;
    const xds = run.get("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "cluster-istiod-xds").inputs;
    assert.deepEqual(
      [webhook.fromPort, webhook.toPort, webhook.securityGroupId, webhook.referencedSecurityGroupId],
      [15017, 15017, "sg-0a1b2c3d4e5f60718", "sg-0c1a55e7"],
    );
    assert.deepEqual([xds.fromPort, xds.toPort, xds.referencedSecurityGroupId], [15012, 15012, "sg-0a1b2c3d4e5f60718"]);
    assert.deepEqual(run.calls, ["aws:eks/getCluster:getCluster"]);
  });

  it("connects to EKS with a kubeconfig that runs aws eks get-token", () => {
    const kubeconfig = JSON.parse(run.get("pulumi:providers:kubernetes", "cluster").inputs.kubeconfig as string);
    assert.equal(kubeconfig.clusters[0].cluster.server, "https://production.eks.example");
    assert.deepEqual(kubeconfig.users[0].user.exec.args, ["eks", "get-token", "--cluster-name", "production", "--region", "eu-west-1"]);
    assert.equal(run.get("pulumi:providers:aws", "cluster-aws").inputs.region, "eu-west-1");
  });

  it("keeps deployed services' resources through an alias to their earlier component names", () => {
    assert.deepEqual(run.get("mesh:delivery:CanariedService", "production/user-service").aliases, [{ name: "production-user-service" }]);
    assert.deepEqual(run.get("mesh:delivery:RoutedService", "production/payment-service").aliases, [
      { name: "production-payment-service" },
    ]);
  });

  it("tells the operator what was deployed", () => {
    const outputs = run.outputs as StackOutputs;
    assert.deepEqual(outputs.versions, { istio: "1.31.1", flagger: "1.44.0", loadtester: "0.38.0", kiali: "2.31.0" });
    assert.deepEqual(outputs.istioRevisions, [
      { name: "1-30-5", version: "1.30.5", tags: ["stable"], namespaces: ["production", "istio-ingress"] },
      { name: "1-31-1", version: "1.31.1", tags: ["canary"], namespaces: ["flagger-loadtester"] },
    ]);
    assert.deepEqual(outputs.meshNamespaces, ["production"]);
    assert.deepEqual(outputs.services, [
      {
        name: "user-service",
        namespace: "production",
        delivery: "progressive",
        serviceAccount: { name: "user-service", createdByStack: true },
        podLabels: { app: "user-service" },
        targetPort: 3000,
      },
      {
        name: "payment-service",
        namespace: "production",
        delivery: "static",
        serviceAccount: { name: "payment-service", createdByStack: true },
        podLabels: { app: "payment-service" },
        targetPort: 8080,
      },
    ]);
    assert.equal(outputs.loadtesterUrl, "http://flagger-loadtester.flagger-loadtester/");
    assert.equal(outputs.ingressGateway, true);
    assert.deepEqual(outputs.ingress, {
      namespace: "istio-ingress",
      service: "istio-ingressgateway",
      routes: [
        { url: "https://api.ecommerce.com/api/users", service: "production/user-service" },
        {
          url: "https://api.ecommerce.com/api/payments",
          service: "production/payment-service",
          canaryHeader: { name: "x-canary", value: "true" },
        },
      ],
    });
    assert.deepEqual(outputs.kiali, { namespace: "istio-system", service: "kiali", port: 20001, path: "/kiali" });
  });

  it("exports every output from the entry point Pulumi runs", () => {
    const entryPoint = readFileSync(path.join(PROJECT_ROOT, "infra", "program", "index.ts"), "utf8");
    const exported = [...entryPoint.matchAll(/^export const (\w+) = outputs\.(\w+);$/gm)].map(([, name, field]) => {
      assert.equal(name, field);
      return name;
    });
    assert.deepEqual(exported.sort(), Object.keys(run.outputs as StackOutputs).sort());
  });
});

describe("the whole program on the reference staging stack", () => {
  it("registers a Canary of every strategy, each with the HPA its autoscalerRef names", async () => {
    const stack = referenceStackConfig("staging");
    const run = await runUnderMocks(asCliConfig({ ...stack, ...alertWebhookSecrets(stack) }), runStack, { secretKeys: SECRET_KEYS });
    const canaries = run.ofType("kubernetes:flagger.app/v1beta1:Canary").map((c) => spec(c));
    assert.deepEqual(
      canaries.map((c) => [
        c.targetRef.name,
        c.analysis.iterations,
        c.analysis.match?.length,
        c.analysis.mirror,
        c.analysis.sessionAffinity?.cookieName,
        c.autoscalerRef?.name,
        c.revertOnDeletion,
      ]),
      [
        ["user-service", undefined, undefined, undefined, undefined, undefined, true],
        ["catalog", 5, undefined, undefined, undefined, "catalog", true],
        ["recommendations", 10, 2, undefined, undefined, "recommendations", true],
        ["search", 5, undefined, true, undefined, "search", true],
        ["cart", undefined, undefined, undefined, "flagger-cookie", "cart", true],
      ],
    );
    const hpas = run.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
    assert.deepEqual(
      hpas.map((h) => [(h.inputs.metadata as any).name, (h.inputs.spec as any).scaleTargetRef.name, (h.inputs.spec as any).minReplicas]),
      [
        ["catalog", "catalog", 2],
        ["recommendations", "recommendations", 2],
        ["search", "search", 2],
        ["cart", "cart", 2],
      ],
    );
  });
});

describe("the program on other stacks", () => {
  it("fails on bad config before registering any resource, naming the key", async () => {
    const config = {
      ...referenceStackConfig("production"),
      "mesh-platform:services": [{ name: "x", namespace: "production", port: 80, delivery: "canary" }],
    };
    const registered: RecordedResource[] = [];
    await assert.rejects(
      runUnderMocks(asCliConfig(config), runStack, { secretKeys: SECRET_KEYS, into: registered }),
      (error: unknown) =>
        error instanceof StackConfigError &&
        error.problems[0] === 'mesh-platform:services[0].delivery: must name a delivery mode: progressive or static (got "canary")',
    );
    assert.deepEqual(registered, []);
  });

  it("reports an empty namespace list as a config error", async () => {
    const config = asCliConfig(withProjectPrefix({ ...minimalStackValues(), namespaces: [] }));
    await assert.rejects(runUnderMocks(config, runStack), /mesh-platform:namespaces: Too small: expected array to have >=1 items/);
  });

  it("reports a missing webhook URL with the other config errors, before any resource", async () => {
    const values = {
      ...minimalStackValues(),
      flagger: {
        metricsServer: "http://prom:9090",
        alertProviders: [{ name: "deploys", type: "slack" }],
        alerts: [{ provider: "deploys", severity: "error" }],
      },
    };
    const registered: RecordedResource[] = [];
    const config = asCliConfig(withProjectPrefix({ ...values, namespaces: [{ name: "kube-system" }] }));
    await assert.rejects(runUnderMocks(config, runStack, { into: registered }), (error: unknown) => {
      assert.ok(error instanceof StackConfigError);
      assert.deepEqual(error.problems, [
        "mesh-platform:namespaces[0].name: is one of Kubernetes' own namespaces (default, kube-*); the platform labels and deletes the namespaces it is given, " +
          'so give it one of its own (got "kube-system")',
        "mesh-platform:alertWebhookUrls.deploys: is required for alert provider deploys: run `pulumi config set --secret --path 'alertWebhookUrls.deploys' <url>`",
      ]);
      return true;
    });
    assert.deepEqual(registered, []);
  });

  it("refuses webhook URLs set in plain text, and the retired slackWebhookUrl, without showing them", async () => {
    const values = {
      ...minimalStackValues(),
      flagger: {
        metricsServer: "http://prom:9090",
        alertProviders: [{ name: "deploys", type: "slack" }],
        alerts: [{ provider: "deploys", severity: "info" }],
      },
    };
    const config = asCliConfig({
      ...withProjectPrefix(values),
      [ALERT_WEBHOOKS_KEY]: { deploys: SLACK_URL },
      "mesh-platform:slackWebhookUrl": SLACK_URL,
    });
    await assert.rejects(runUnderMocks(config, runStack, { secretKeys: ["mesh-platform:slackWebhookUrl"] }), (error: unknown) => {
      assert.ok(error instanceof StackConfigError);
      assert.deepEqual(error.problems, [
        "mesh-platform:alertWebhookUrls: holds webhook URLs in plain text; set each with `pulumi config set --secret --path 'alertWebhookUrls.<provider>' <url>`",
        "mesh-platform:slackWebhookUrl: was replaced by alertWebhookUrls.<provider> for a provider of flagger.alertProviders: " +
          "run `pulumi config set --secret --path 'alertWebhookUrls.<provider>' <url>` and `pulumi config rm slackWebhookUrl`",
      ]);
      assert.ok(!error.message.includes(SLACK_URL));
      return true;
    });
  });

  it("keeps a value set as a secret secret wherever it flows: chart values and MetricTemplates, and nothing else", async () => {
    const metricsServer = "http://flagger:s3cret@prometheus.monitoring:9090";
    const values = {
      ...minimalStackValues(),
      services: [progressive({ alerts: false, metrics: [{ name: "errors", query: "q", max: 1 }] })],
    };
    const config = asCliConfig({ ...withProjectPrefix(values), "mesh-platform:flagger": { metricsServer } });
    const run = await runUnderMocks(config, runStack, { secretKeys: ["mesh-platform:flagger"] });
    const isSecret = (value: unknown) => pulumi.Output.isInstance(value) && unwrap(value).then((v) => v.secret);
    const secretFields = await Promise.all(
      run.resources.flatMap((r) =>
        Object.entries(r.props).map(async ([field, value]) => ((await isSecret(value)) ? `${key(r.type, r.name)} ${field}` : undefined)),
      ),
    );
    assert.deepEqual(secretFields.filter(Boolean).sort(), [
      "kubernetes:flagger.app/v1beta1:MetricTemplate::apps/web-metrictemplate-web-errors spec",
      `${CHART}::flagger values`,
    ]);
    const template = run.get("kubernetes:flagger.app/v1beta1:MetricTemplate", "apps/web-metrictemplate-web-errors");
    const templateSpec = await unwrap(template.props.spec as pulumi.Output<Record<string, any>>);
    assert.equal(templateSpec.value.provider.address, metricsServer);
  });

  it("never shows a secret value in a config error", async () => {
    const config = asCliConfig({
      ...withProjectPrefix(minimalStackValues()),
      "mesh-platform:flagger": { metricsServer: "ftp://u:s3cret@prom" },
    });
    await assert.rejects(runUnderMocks(config, runStack, { secretKeys: ["mesh-platform:flagger"] }), (error: unknown) => {
      assert.ok(error instanceof StackConfigError);
      assert.deepEqual(error.problems, [
        "mesh-platform:flagger.metricsServer: must be an http(s) URL of the Prometheus server (got a secret value, not shown)",
      ]);
      return true;
    });
  });

  it("refuses credentials in plain text, naming the key and not the value", async () => {
    const metricsServer = "http://flagger:s3cret@prometheus.monitoring:9090";
    const config = asCliConfig({ ...withProjectPrefix(minimalStackValues()), "mesh-platform:flagger": { metricsServer } });
    await assert.rejects(runUnderMocks(config, runStack), (error: unknown) => {
      assert.ok(error instanceof StackConfigError);
      assert.deepEqual(error.problems, [
        "mesh-platform:flagger.metricsServer: holds a URL with credentials in plain text; " +
          "set it with `pulumi config set --secret --path 'flagger.metricsServer' <value>`",
      ]);
      assert.ok(!error.message.includes("s3cret"));
      return true;
    });
  });

  it("connects through a kubeconfig context without calling AWS", async () => {
    const run = await runUnderMocks(asCliConfig(withProjectPrefix(minimalStackValues())), runStack);
    assert.deepEqual(run.calls, []);
    assert.equal(run.get("pulumi:providers:kubernetes", "cluster").inputs.context, "test");
    assert.deepEqual(run.ofType("pulumi:providers:aws"), []);
    assert.deepEqual(run.ofType("kubernetes:core/v1:Secret"), []);
    assert.deepEqual(
      run
        .ofType(CHART)
        .map((c) => c.name)
        .sort(),
      ["flagger", "flagger-loadtester", "istio-base", "istio-istiod"],
    );
  });

  it("names each service's component uniquely, even when namespace and service names run into each other", async () => {
    const values = {
      ...minimalStackValues(),
      namespaces: [{ name: "shop" }, { name: "shop-api" }],
      services: [
        { name: "api-cart", namespace: "shop", port: 80, delivery: "static" },
        { name: "cart", namespace: "shop-api", port: 80, delivery: "static" },
      ],
    };
    const run = await runUnderMocks(asCliConfig(withProjectPrefix(values)), runStack);
    const routed = run.ofType("mesh:delivery:RoutedService");
    assert.deepEqual(
      routed.map((r) => [r.name, r.aliases]),
      [
        ["shop/api-cart", []],
        ["shop-api/cart", []],
      ],
      "no alias to the old, ambiguous name, which the engine would refuse on two resources",
    );
    assert.deepEqual(
      run
        .ofType("kubernetes:networking.istio.io/v1:DestinationRule")
        .map((r) => [(r.inputs.metadata as any).namespace, (r.inputs.metadata as any).name]),
      [
        ["shop", "api-cart"],
        ["shop-api", "cart"],
      ],
    );
  });

  it("runs one istiod without a revision when none is configured, and labels namespaces istio-injection=enabled", async () => {
    const run = await runUnderMocks(asCliConfig(withProjectPrefix(minimalStackValues())), runStack);
    const istiod = run.get(CHART, "istio-istiod");
    assert.equal(istiod.inputs.name, "istiod");
    assert.equal(istiod.inputs.version, "1.31.1");
    assert.equal((istiod.inputs.values as any).revision, undefined);
    assert.equal((istiod.inputs.values as any).revisionTags, undefined);
    assert.equal((run.get(CHART, "istio-base").inputs.values as any).defaultRevision, undefined);
    for (const name of ["apps", "flagger-loadtester"]) {
      assert.deepEqual((run.get(NAMESPACE, name).inputs.metadata as any).labels, { "istio-injection": "enabled" }, name);
    }
  });

  it("keeps the unrevisioned istiod as the revision named default, so a stack moves onto revisions without replacing it", async () => {
    const values = {
      ...minimalStackValues(),
      versions: { istio: "1.31.1" },
      istio: {
        revisions: [
          { name: "default", version: "1.30.5", tags: ["stable"] },
          { name: "1-31-1", version: "1.31.1", tags: ["canary"] },
        ],
        defaultRevision: "stable",
      },
    };
    const run = await runUnderMocks(asCliConfig(withProjectPrefix(values)), runStack);
    const istiod = run.get(CHART, "istio-istiod");
    assert.deepEqual(
      [istiod.inputs.name, istiod.inputs.version, (istiod.inputs.values as any).revision, (istiod.inputs.values as any).revisionTags],
      ["istiod", "1.30.5", undefined, ["stable"]],
    );
    assert.equal((run.get(CHART, "istio-istiod-1-31-1").inputs.values as any).revision, "1-31-1");
    assert.equal((run.get(CHART, "istio-base").inputs.values as any).defaultRevision, "default");
    assert.deepEqual((run.get(NAMESPACE, "apps").inputs.metadata as any).labels, { "istio.io/rev": "stable" });
  });

  it("labels each namespace with the tag or revision it selects, and the gateway with its own", async () => {
    const values = everythingValues();
    const run = await runUnderMocks(
      asCliConfig({ ...withProjectPrefix(values), [ALERT_WEBHOOKS_KEY]: { deploys: SLACK_URL, "on-call": TEAMS_URL } }),
      runStack,
      {
        secretKeys: SECRET_KEYS,
      },
    );
    for (const [name, selector] of [
      ["shop", "stable"],
      ["search", "canary"],
      ["flagger-loadtester", "stable"],
    ]) {
      const labels = (run.get(NAMESPACE, name).inputs.metadata as any).labels;
      assert.equal(labels["istio.io/rev"], selector, name);
      assert.equal(labels["istio-injection"], undefined, name);
    }
    const gateway = run.get(CHART, "istio-gateway");
    assert.deepEqual([(gateway.inputs.values as any).revision, gateway.inputs.version], ["1-31", "1.31.1"]);
    assert.equal((run.get(NAMESPACE, "shop").inputs.metadata as any).labels.team, "checkout");
    assert.deepEqual(run.get(NAMESPACE, "flagger-namespace").inputs.metadata, {
      name: "flagger-system",
      labels: { "istio-injection": "disabled" },
    });
    assert.deepEqual(
      run.ofType("kubernetes:flagger.app/v1beta1:MetricTemplate").map((r) => r.inputs.metadata),
      [{ name: "cart-error-budget", namespace: "shop" }],
    );
    const args = JSON.parse(run.get("pulumi:providers:kubernetes", "cluster").inputs.kubeconfig as string).users[0].user.exec;
    assert.deepEqual(args.args.slice(-2), ["--role-arn", "arn:aws:iam::123456789012:role/deployer"]);
    assert.deepEqual(args.env, [{ name: "AWS_PROFILE", value: "lab" }]);
  });
});
