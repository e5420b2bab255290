import { strict as assert } from "node:assert";
import { canary, metricTemplates } from "../../../components/builders/canary";
import { chartReference } from "../../../components/builders/chartRelease";
import { crdSourceOf } from "../../../policies/vocabulary/crdSources";
import { destinationRule } from "../../../components/builders/destinationRule";
import { injectionLabels } from "../../../components/builders/names";
import { flaggerOwnedNames } from "../../../policies/vocabulary/flaggerNames";
import { revisionAssignments } from "../../../components/builders/controlPlane";
import { canaryWatches, chartReleases, flaggerObjects, scrapedMesh, stackObjects, stackServices } from "../../../components/builders/stack";
import { canaryAlertRule, flaggerPodMonitor } from "../../../components/builders/canarySignals";
import { ingressRoutes } from "../../../components/builders/ingress";
import { kialiOperatorRelease, kialiResource } from "../../../components/builders/kiali";
import { meshTelemetry, tracingProvider } from "../../../components/builders/telemetry";
import { virtualService } from "../../../components/builders/virtualService";
import type { ProgressiveServiceConfig, StaticServiceConfig } from "../../../infra/config/schema";
import { everythingConfig, minimalConfig } from "../../helpers/configFixtures";

const everything = everythingConfig();
const service = <T>(name: string) => everything.services.find((s) => s.name === name) as T;
const context = {
  flaggerNamespace: "flagger-system",
  loadtesterNamespace: "flagger-loadtester",
  metricsServer: "http://prom:9090",
  gatewayNamespace: "edge",
  alerts: everything.flagger.alerts,
};

describe("spec builders", () => {
  describe("canary", () => {
    it("uses stepWeights when configured, and custom metrics through MetricTemplates", () => {
      const cart = service<ProgressiveServiceConfig>("cart");
      const { analysis, service: svc } = canary(cart, context).spec as Record<string, any>;
      assert.deepEqual(analysis.stepWeights, [5, 10, 20, 40]);
      assert.equal(analysis.stepWeight, undefined);
      assert.deepEqual(analysis.metrics[2], {
        name: "error-budget",
        templateRef: { name: "cart-error-budget", namespace: "shop" },
        thresholdRange: { max: 5 },
        interval: "1m",
      });
      assert.equal(svc.timeout, "5s");
      assert.deepEqual(svc.retries, { attempts: 2, perTryTimeout: "2s", retryOn: "gateway-error,connect-failure,refused-stream" });
      assert.deepEqual(svc.trafficPolicy.loadBalancer, { simple: "LEAST_REQUEST" });
      const [template] = metricTemplates(cart, "http://prom:9090");
      assert.deepEqual(template, {
        apiVersion: "flagger.app/v1beta1",
        kind: "MetricTemplate",
        metadata: { name: "cart-error-budget", namespace: "shop" },
        spec: { provider: { type: "prometheus", address: "http://prom:9090" }, query: "sum(rate(errors[1m]))" },
      });
    });

    it("turns an A/B test into iterations matching x-canary: true or the cookie, without weights, webhooks or alerts", () => {
      const { analysis, revertOnDeletion, progressDeadlineSeconds } = canary(service<ProgressiveServiceConfig>("search-api"), context)
        .spec as Record<string, any>;
      assert.equal(analysis.iterations, 10);
      assert.deepEqual(analysis.match, [
        { headers: { "x-canary": { exact: "true" } } },
        { headers: { cookie: { regex: "^(.*?;)?(canary=always)(;.*)?$" } } },
      ]);
      assert.deepEqual([revertOnDeletion, progressDeadlineSeconds], [true, 900]);
      for (const absent of ["maxWeight", "stepWeight", "stepWeights", "webhooks", "alerts"]) {
        assert.equal(analysis[absent], undefined, absent);
      }
    });
  });

  describe("static routing", () => {
    const checkout = () => service<StaticServiceConfig>("checkout");

    it("routes the canary header first, then splits by weight, with fault injection on both routes", () => {
      const { http, hosts } = virtualService(checkout()).spec as Record<string, any>;
      assert.deepEqual(hosts, ["checkout.shop.svc.cluster.local"]);
      assert.deepEqual(http[0].match, [{ headers: { "x-beta": { exact: "yes" } } }]);
      assert.deepEqual(http[0].route, [
        { destination: { host: "checkout.shop.svc.cluster.local", subset: "canary", port: { number: 8443 } } },
      ]);
      assert.deepEqual(
        http[1].route.map((r: any) => [r.destination.subset, r.weight]),
        [
          ["stable", 90],
          ["canary", 10],
        ],
      );
      for (const route of http) {
        assert.deepEqual(route.fault, {
          delay: { percentage: { value: 1 }, fixedDelay: "2s" },
          abort: { percentage: { value: 0.5 }, httpStatus: 503 },
        });
      }
    });

    it("leaves a zero-weight destination out of the split", () => {
      const allStable = { ...checkout(), split: { stable: 100, canary: 0 } };
      const { http } = virtualService(allStable).spec as Record<string, any>;
      assert.deepEqual(
        http[1].route.map((r: any) => [r.destination.subset, r.weight]),
        [["stable", 100]],
      );
    });

    it("keeps TCP and HTTP pools and the subsets' labels in the DestinationRule", () => {
      const { trafficPolicy, subsets } = destinationRule(checkout()).spec as Record<string, any>;
      assert.deepEqual(trafficPolicy.connectionPool, {
        http: { http1MaxPendingRequests: 10 },
        tcp: { maxConnections: 100, connectTimeout: "1s" },
      });
      assert.deepEqual(subsets, [
        { name: "stable", labels: { track: "stable" } },
        { name: "canary", labels: { track: "canary" } },
      ]);
    });
  });

  describe("telemetry", () => {
    it("logs access through Envoy's built-in provider and traces through the mesh's collector, in the root namespace", () => {
      const istio = { ...everything.istio, accessLogs: true };
      assert.deepEqual(meshTelemetry(istio), {
        apiVersion: "telemetry.istio.io/v1",
        kind: "Telemetry",
        metadata: { name: "mesh-default", namespace: "istio-system" },
        spec: {
          accessLogging: [{ providers: [{ name: "envoy" }] }],
          tracing: [{ providers: [{ name: "otel-tracing" }], randomSamplingPercentage: 2.5 }],
        },
      });
      assert.deepEqual(tracingProvider("otel-collector.observability.svc.cluster.local:4317"), {
        name: "otel-tracing",
        opentelemetry: { service: "otel-collector.observability.svc.cluster.local", port: 4317 },
      });
    });

    it("declares only what is on, and nothing when neither logs nor traces are", () => {
      assert.deepEqual(meshTelemetry({ ...everything.istio, accessLogs: false })?.spec, {
        tracing: [{ providers: [{ name: "otel-tracing" }], randomSamplingPercentage: 2.5 }],
      });
      assert.equal(meshTelemetry({ ...everything.istio, accessLogs: false, tracing: undefined }), undefined);
    });

    it("gives istiod the collector as an extension provider only when tracing is on", () => {
      const istiod = (config: typeof everything) =>
        chartReleases(config).find((release) => release.chart === "istiod")!.values as Record<string, any>;
      assert.deepEqual(istiod(everything).meshConfig.extensionProviders, [tracingProvider(everything.istio.tracing!.collector)]);
      assert.equal(istiod(minimalConfig()).meshConfig.extensionProviders, undefined);
      assert.equal(istiod(minimalConfig()).meshConfig.accessLogFile, undefined);
    });
  });

  describe("canary signals", () => {
    const operator = everything.flagger.prometheusOperator!;

    it("scrapes Flagger's pods in its namespace, keeping the canary's namespace label", () => {
      assert.deepEqual(flaggerPodMonitor(operator, "flagger-system"), {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PodMonitor",
        metadata: { name: "flagger-controller", namespace: "monitoring", labels: { release: "prom" } },
        spec: {
          namespaceSelector: { matchNames: ["flagger-system"] },
          selector: { matchLabels: { "app.kubernetes.io/name": "flagger", "app.kubernetes.io/instance": "flagger" } },
          podMetricsEndpoints: [{ port: "http", path: "/metrics", interval: "15s", honorLabels: true }],
        },
      });
    });

    it("gives each Canary its progress deadline, promotion and worst-case failed checks before it counts as stalled", () => {
      // cart: 600s deadline + 5 x 30s to promote + 4 x 30s of failed checks; search-api (A/B):
      // 900s deadline + 11 x 1m + 3 x 1m.
      assert.deepEqual(canaryWatches(stackServices(everything)), [
        { namespace: "shop", name: "cart", stalledAfterSeconds: 870 },
        { namespace: "search", name: "search-api", stalledAfterSeconds: 1740 },
      ]);
      assert.deepEqual(canaryWatches(stackServices(minimalConfig())), []);
    });

    it("alerts on failed canaries, each stalled canary and missing Flagger metrics, routable by severity and the stack's labels", () => {
      const rule = canaryAlertRule(operator, "flagger-system", canaryWatches(stackServices(everything)));
      assert.equal(rule.apiVersion, "monitoring.coreos.com/v1");
      assert.deepEqual(rule.metadata, { name: "flagger-canaries", namespace: "monitoring", labels: { release: "prom" } });
      const [group] = (rule.spec as { groups: { name: string; rules: Record<string, any>[] }[] }).groups;
      assert.equal(group.name, "flagger-canaries");
      assert.deepEqual(
        group.rules.map((r) => [r.alert, r.expr, r.for, r.labels]),
        [
          [
            "FlaggerCanaryFailed",
            "max by (namespace, name) (flagger_canary_status) == 2",
            undefined,
            { team: "checkout", severity: "critical" },
          ],
          [
            "FlaggerCanaryStalled",
            'max by (namespace, name) (flagger_canary_status{namespace="shop", name="cart"}) == 0',
            "14m30s",
            { team: "checkout", severity: "warning" },
          ],
          [
            "FlaggerCanaryStalled",
            'max by (namespace, name) (flagger_canary_status{namespace="search", name="search-api"}) == 0',
            "29m",
            { team: "checkout", severity: "warning" },
          ],
          ["FlaggerMetricsAbsent", 'absent(flagger_info{namespace="flagger-system"})', "10m", { team: "checkout", severity: "warning" }],
        ],
      );
      assert.match(
        group.rules[0].annotations.description,
        /kubectl -n \{\{ \$labels.namespace \}\} describe canary \{\{ \$labels.name \}\}/,
      );
    });
  });

  describe("kiali", () => {
    it("logs in through the OpenID provider, with the claim that names the user", () => {
      assert.deepEqual(kialiResource(everything.kiali, "istio-system", "http://prom:9090").spec, {
        auth: {
          strategy: "openid",
          openid: { issuer_uri: "https://login.example.com/realms/platform", client_id: "kiali", username_claim: "email" },
        },
        deployment: { cluster_wide_access: true, view_only_mode: true, service_type: "ClusterIP" },
        server: { port: 20001, web_root: "/kiali" },
        external_services: { prometheus: { url: "http://prom:9090" }, grafana: { enabled: false }, tracing: { enabled: false } },
      });
    });

    it("lets the operator install a Kiali that can change the mesh only when viewOnly is off", () => {
      const writable = { ...everything.kiali, viewOnly: false };
      assert.equal(kialiOperatorRelease(writable, everything.versions).values.onlyViewOnlyMode, false);
      assert.equal((kialiResource(writable, "istio-system", "http://prom:9090").spec as any).deployment.view_only_mode, false);
      assert.equal(kialiOperatorRelease(everything.kiali, everything.versions).values.onlyViewOnlyMode, true);
    });

    it("is not installed unless enabled", () => {
      assert.equal(
        chartReleases(minimalConfig()).some((release) => release.chart === "kiali-operator"),
        false,
      );
      assert.equal(
        stackObjects(minimalConfig(), () => "url").some((object) => object.kind === "Kiali"),
        false,
      );
    });
  });

  describe("ingress routes", () => {
    it("lists each exposed service's public URLs, with the header that reaches its canary where there is one", () => {
      assert.deepEqual(ingressRoutes(everything), [
        { url: "https://shop.example.com/cart", service: "shop/cart" },
        { url: "https://shop.example.com/checkout", service: "shop/checkout", canaryHeader: { name: "x-beta", value: "yes" } },
      ]);
    });
  });

  describe("names and CRD sources", () => {
    it("chooses exactly one injection label", () => {
      assert.deepEqual(injectionLabels(undefined), { "istio-injection": "enabled" });
      assert.deepEqual(injectionLabels("1-30"), { "istio.io/rev": "1-30" });
    });

    it("knows which chart ships each API group", () => {
      assert.equal(crdSourceOf("networking.istio.io/v1"), "istio-base");
      assert.equal(crdSourceOf("security.istio.io/v1beta1"), "istio-base");
      assert.equal(crdSourceOf("flagger.app/v1beta1"), "flagger");
      assert.equal(crdSourceOf("monitoring.coreos.com/v1"), "prometheus-operator");
      assert.equal(crdSourceOf("v1"), undefined);
      assert.equal(crdSourceOf("apps/v1"), undefined);
    });

    it("lists the routing objects Flagger generates for a canaried service", () => {
      assert.deepEqual(flaggerOwnedNames("web"), {
        virtualServices: ["web"],
        destinationRules: ["web-primary", "web-canary"],
        services: ["web", "web-primary", "web-canary"],
      });
    });
  });

  describe("stack composition", () => {
    it("installs the gateway chart only when enabled, one istiod per revision, and each chart at its revision's version", () => {
      assert.deepEqual(
        chartReleases(minimalConfig()).map((r) => r.chart),
        ["base", "istiod", "flagger", "loadtester"],
      );
      const releases = chartReleases(everything);
      assert.deepEqual(
        releases.map((r) => [r.name, r.version]),
        [
          ["istio-base", "1.31.1"],
          ["istiod-1-30", "1.30.5"],
          ["istiod-1-31", "1.31.1"],
          ["istio-ingressgateway", "1.31.1"],
          ["flagger", "1.44.0"],
          ["flagger-loadtester", "0.38.0"],
          ["kiali-operator", "2.31.0"],
        ],
      );
      const [base, oldIstiod, newIstiod, gateway] = releases.map((r) => r.values as any);
      assert.equal(base.defaultRevision, "1-30", "the validator follows istio.defaultRevision (stable → 1-30)");
      assert.deepEqual([oldIstiod.revision, oldIstiod.revisionTags], ["1-30", ["stable"]]);
      assert.deepEqual([newIstiod.revision, newIstiod.revisionTags], ["1-31", ["canary"]]);
      assert.equal(gateway.revision, "1-31");
      assert.equal(gateway.service.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internal");
      assert.equal(oldIstiod.meshConfig.accessLogFile, undefined);
    });

    it("resolves which istiod serves each namespace, the load tester and the gateway", () => {
      assert.deepEqual(
        revisionAssignments(everything).map(({ revision, consumers }) => [
          revision.name,
          consumers.map((c) => `${c.kind} ${c.namespace} via ${c.selector} (${c.selectedBy})`),
        ]),
        [
          [
            "1-30",
            ["namespace shop via stable (istio.defaultRevision)", "load tester flagger-loadtester via stable (istio.defaultRevision)"],
          ],
          [
            "1-31",
            ["namespace search via canary (namespaces[1].revision)", "ingress gateway edge via 1-31 (istio.ingressGateway.revision)"],
          ],
        ],
      );
      assert.deepEqual(
        revisionAssignments(minimalConfig()).map(({ revision, consumers }) => [revision, consumers.map((c) => [c.namespace, c.selector])]),
        [
          [
            { name: "default", version: "1.31.1", tags: [] },
            [
              ["apps", undefined],
              ["flagger-loadtester", undefined],
            ],
          ],
        ],
      );
    });

    it("installs from an OCI registry by full chart reference, with no repository", () => {
      const oci = minimalConfig({ istio: { chartRepository: "oci://ghcr.io/istio/release/charts" } });
      const base = chartReleases(oci)[0];
      assert.equal(base.repository, "oci://ghcr.io/istio/release/charts");
      assert.deepEqual(chartReference(base), { chart: "oci://ghcr.io/istio/release/charts/base" });
      assert.deepEqual(chartReference(chartReleases(minimalConfig())[0]), {
        chart: "base",
        repository: "https://blob.istio.io/istio-release/charts",
      });
    });

    it("adds alert providers, monitors and the canary alert rule only when configured, each under its own name", () => {
      assert.deepEqual(
        flaggerObjects(minimalConfig().flagger, { istioNamespace: "istio-system" }, () => "url", []),
        { alerting: [] },
      );
      const objects = flaggerObjects(
        everything.flagger,
        scrapedMesh(everything.istio),
        (provider) => `url of ${provider}`,
        canaryWatches(stackServices(everything)),
      );
      const id = (o: { kind: string; metadata: { namespace?: string; name: string } }) =>
        `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
      assert.deepEqual(
        [
          ...objects.alerting.flatMap((a) => [a.webhookSecret, a.alertProvider]),
          objects.monitors!.sidecars,
          objects.monitors!.ingressGateway!,
          objects.monitors!.istiod,
          objects.monitors!.flagger,
          objects.canaryAlertRule!,
        ].map(id),
        [
          "Secret/flagger-system/flagger-deploys",
          "AlertProvider/flagger-system/deploys",
          "Secret/flagger-system/flagger-on-call",
          "AlertProvider/flagger-system/on-call",
          "PodMonitor/monitoring/istio-sidecars",
          "PodMonitor/monitoring/istio-ingressgateway",
          "ServiceMonitor/monitoring/istiod",
          "PodMonitor/monitoring/flagger-controller",
          "PrometheusRule/monitoring/flagger-canaries",
        ],
      );
      assert.deepEqual(
        objects.alerting.map((a) => [(a.webhookSecret.stringData as any).address, a.alertProvider.spec]),
        [
          ["url of deploys", { type: "slack", channel: "deploys", username: "flagger", secretRef: { name: "flagger-deploys" } }],
          ["url of on-call", { type: "msteams", secretRef: { name: "flagger-on-call" } }],
        ],
      );
    });

    it("puts each namespace before the objects inside it", () => {
      const objects = stackObjects(everything, () => "url");
      const firstIndex = new Map<string, number>();
      objects.forEach((o, i) => o.kind === "Namespace" && firstIndex.set(o.metadata.name, i));
      objects.forEach((o, i) => {
        const ns = o.metadata.namespace;
        if (ns && firstIndex.has(ns)) {
          assert.ok(firstIndex.get(ns)! < i, `${o.kind} ${o.metadata.name} comes before its namespace`);
        }
      });
      assert.deepEqual(
        objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name),
        ["istio-system", "edge", "flagger-system", "flagger-loadtester", "kiali", "shop", "search"],
      );
    });
  });
});
