import { strict as assert } from "node:assert";
import { parseStackConfig, StackConfigError } from "../../../infra/config/parse";
import { configKeyPath } from "../../../infra/config/keys";
import { projectConfigValues } from "../../../infra/config/configValues";
import { PINNED_VERSIONS } from "../../../infra/config/versions";
import { everythingValues, problemsOf, progressive, staticService, withService } from "../../helpers/configFixtures";
import { minimalStackValues, stackFileConfig, stackNames } from "../../helpers/stackFiles";

describe("stack config", () => {
  describe("valid stacks", () => {
    it("parses every stack file of the project", () => {
      for (const stack of stackNames()) {
        assert.doesNotThrow(() => parseStackConfig(projectConfigValues(stackFileConfig(stack))), stack);
      }
    });

    it("fills production defaults for everything left out", () => {
      const config = parseStackConfig(minimalStackValues());
      assert.deepEqual(config.versions, PINNED_VERSIONS);
      assert.equal(config.protectCrdCharts, true);
      assert.equal(config.istio.namespace, "istio-system");
      assert.equal(config.istio.chartRepository, "https://blob.istio.io/istio-release/charts");
      assert.equal(config.istio.hub, "docker.io/istio");
      assert.equal(config.istio.istiodMinReplicas, 2);
      assert.equal(config.istio.ingressGateway.enabled, false);
      assert.equal(config.flagger.loadtesterNamespace, "flagger-loadtester");
      assert.equal(config.flagger.replicas, 2);
    });

    it("defaults a static service to all traffic on stable, x-canary header routing and version labels", () => {
      const config = parseStackConfig({ ...minimalStackValues(), services: [staticService()] });
      const service = config.services[0];
      assert.equal(service.delivery, "static");
      if (service.delivery === "static") {
        assert.deepEqual(service.split, { stable: 100, canary: 0 });
        assert.deepEqual(service.canaryHeader, { name: "x-canary", value: "true" });
        assert.deepEqual(service.subsets, { stable: { version: "stable" }, canary: { version: "canary" } });
      }
    });

    it("accepts the OCI home and private mirrors of Istio's charts and images", () => {
      const config = parseStackConfig({
        ...minimalStackValues(),
        istio: { chartRepository: "oci://ghcr.io/istio/release/charts", hub: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/istio" },
      });
      assert.equal(config.istio.chartRepository, "oci://ghcr.io/istio/release/charts");
      assert.equal(config.istio.hub, "123456789012.dkr.ecr.eu-west-1.amazonaws.com/istio");
    });

    it("accepts the fixture with every option", () => {
      assert.deepEqual(
        parseStackConfig(everythingValues()).services.map((s) => `${s.namespace}/${s.name} ${s.delivery}`),
        ["shop/cart progressive", "search/search-api progressive", "shop/checkout static"],
      );
    });
  });

  describe("bad values name the key and the value", () => {
    /** Each case: what is wrong, the values, and exactly the problems reported (one or several). */
    const cases: [string, Record<string, unknown>, string | string[]][] = [
      [
        "a negative split weight",
        withService(staticService({ split: { stable: 110, canary: -10 } })),
        [
          "mesh-platform:services[0].split.stable: Too big: expected number to be <=100 (got 110)",
          "mesh-platform:services[0].split.canary: Too small: expected number to be >=0 (got -10)",
        ],
      ],
      [
        "maxWeight 150",
        withService(progressive({ maxWeight: 150 })),
        "mesh-platform:services[0].canary.maxWeight: Too big: expected number to be <=100 (got 150)",
      ],
      [
        'interval "30"',
        withService(progressive({ interval: "30" })),
        'mesh-platform:services[0].canary.interval: must be a whole number of seconds or minutes, such as 30s or 1m (got "30")',
      ],
      [
        "an unknown delivery mode",
        withService({ ...staticService(), delivery: "bluegreen" }),
        'mesh-platform:services[0].delivery: must name a delivery mode: progressive or static (got "bluegreen")',
      ],
      [
        "a missing port",
        withService({ name: "api", namespace: "apps", delivery: "static" }),
        "mesh-platform:services[0].port: is required",
      ],
      ["an unknown key", withService(staticService({ retry: { attempts: 3 } })), "mesh-platform:services[0].retry: unknown key"],
      ["an unknown top-level key", { ...minimalStackValues(), servics: [] }, "mesh-platform:servics: unknown key"],
      [
        "a port out of range",
        withService(staticService({ port: 70000 })),
        "mesh-platform:services[0].port: Too big: expected number to be <=65535 (got 70000)",
      ],
      [
        "a duration without a unit",
        withService(staticService({ timeout: "10" })),
        'mesh-platform:services[0].timeout: must be a duration with a unit, such as 30s, 1m or 1m30s (got "10")',
      ],
      [
        "a tracing collector without a port, and a sampling rate over 100",
        { ...minimalStackValues(), istio: { tracing: { collector: "otel-collector.observability", samplingPercent: 150 } } },
        [
          "mesh-platform:istio.tracing.collector: must be host:port, such as otel-collector.observability.svc.cluster.local:4317, " +
            "or observability/otel.example.com:4317 for a ServiceEntry's host " +
            '(got "otel-collector.observability")',
          "mesh-platform:istio.tracing.samplingPercent: Too big: expected number to be <=100 (got 150)",
        ],
      ],
      [
        "a path prefix with a glob, which Istio matches literally",
        withService(staticService({ expose: { gateway: "public", hosts: ["api.example.com"], pathPrefix: "/api/users/*" } }), {
          istio: { ingressGateway: { enabled: true, gateways: [{ name: "public", hosts: ["api.example.com"], credentialName: "tls" }] } },
        }),
        'mesh-platform:services[0].expose.pathPrefix: is matched literally by Istio, star included, so no real request would match it (404); drop the glob: /api/users/* is written /api/users/ (got "/api/users/*")',
      ],
      [
        "external API protocols that contradict their port, and TCP without addresses",
        {
          ...minimalStackValues(),
          externalApis: [
            { name: "stripe", hosts: ["api.stripe.com"], ports: [{ number: 443, protocol: "HTTP" }] },
            { name: "plain", hosts: ["plain.example.com"], ports: [{ number: 80, protocol: "TLS" }] },
            {
              name: "db",
              hosts: ["db.example.com"],
              ports: [
                { number: 5432, protocol: "HTTP" },
                { number: 5433, protocol: "TCP" },
              ],
            },
            {
              name: "db2",
              hosts: ["db2.example.com"],
              addresses: ["10.1.0.0/16", "203.0.113.5"],
              ports: [{ number: 5432, protocol: "TCP" }],
            },
            { name: "bad-address", hosts: ["x.example.com"], addresses: ["10.1.0.0/33"], ports: [{ number: 443, protocol: "TLS" }] },
          ],
        },
        [
          'mesh-platform:externalApis[4].addresses[0]: must be an IP address or CIDR block, such as 203.0.113.10 or 203.0.113.0/24 (got "10.1.0.0/33")',
          'mesh-platform:externalApis[0].ports[0].protocol: declares HTTP on port 443, which carries TLS: the sidecar would parse the TLS handshake as HTTP and every call would fail; declare HTTPS (or TLS) (got "HTTP")',
          'mesh-platform:externalApis[1].ports[0].protocol: declares TLS on port 80, which carries plain HTTP: the sidecar would wait for a TLS handshake that never comes; declare HTTP, or the API\'s TLS port (got "TLS")',
          'mesh-platform:externalApis[2].ports[0].protocol: declares HTTP on port 5432, whose protocol is not HTTP: the sidecar would parse it as HTTP and break every connection; declare TCP (with addresses) or TLS (got "HTTP")',
          'mesh-platform:externalApis[2].ports[1].protocol: needs externalApis[2].addresses: a sidecar tells TCP connections apart by address only, and without one this API would claim port 5433 for every destination (istioctl IST0134); list its addresses, or declare TLS for TLS over TCP (got "TCP")',
        ],
      ],
      [
        "alert labels Prometheus refuses, and a severity the alerts set themselves",
        {
          ...minimalStackValues(),
          flagger: {
            ...(minimalStackValues().flagger as object),
            prometheusOperator: { alertLabels: { "app.kubernetes.io/team": "shop", __route: "x", severity: "page" } },
          },
        },
        [
          "mesh-platform:flagger.prometheusOperator.alertLabels.app.kubernetes.io/team: must be a Prometheus label name: " +
            `letters, digits and '_', not starting with a digit or '__' (got "app.kubernetes.io/team")`,
          "mesh-platform:flagger.prometheusOperator.alertLabels.__route: must be a Prometheus label name: " +
            `letters, digits and '_', not starting with a digit or '__' (got "__route")`,
          'mesh-platform:flagger.prometheusOperator.alertLabels.severity: is set by each alert (critical or warning) (got "page")',
        ],
      ],
      [
        "anonymous access to Kiali",
        { ...minimalStackValues(), kiali: { enabled: true, auth: { strategy: "anonymous" } } },
        'mesh-platform:kiali.auth.strategy: must name a login strategy: token or openid (Kiali\'s anonymous access is not offered) (got "anonymous")',
      ],
      [
        "an OpenID issuer over plain HTTP, and no client",
        { ...minimalStackValues(), kiali: { enabled: true, auth: { strategy: "openid", issuerUri: "http://login.example.com" } } },
        [
          'mesh-platform:kiali.auth.issuerUri: must be the https URL of the OpenID issuer (got "http://login.example.com")',
          "mesh-platform:kiali.auth.clientId: is required",
        ],
      ],
      [
        "the Kiali operator in Flagger's namespace",
        { ...minimalStackValues(), kiali: { enabled: true, operatorNamespace: "istio-system" } },
        [
          'mesh-platform:kiali.operatorNamespace: is also istio.namespace; the Kiali operator needs a namespace of its own (got "istio-system")',
          'mesh-platform:kiali.operatorNamespace: is also flagger.namespace; the Kiali operator needs a namespace of its own (got "istio-system")',
        ],
      ],
      [
        "a chart version range",
        { ...minimalStackValues(), versions: { istio: "^1.30.0" } },
        'mesh-platform:versions.istio: must be an exact version such as 1.30.3 (ranges are not allowed) (got "^1.30.0")',
      ],
      [
        "Istio's retired chart bucket",
        { ...minimalStackValues(), istio: { chartRepository: "https://istio-release.storage.googleapis.com/charts" } },
        "mesh-platform:istio.chartRepository: istio-release.storage.googleapis.com is a retired Istio chart repository (removed in December 2026); " +
          'use https://blob.istio.io/istio-release/charts or oci://ghcr.io/istio/release/charts (got "https://istio-release.storage.googleapis.com/charts")',
      ],
      [
        "Istio's retired GCR registry as a chart repository",
        { ...minimalStackValues(), istio: { chartRepository: "oci://gcr.io/istio-release/charts" } },
        "mesh-platform:istio.chartRepository: gcr.io/istio-release is a retired Istio image registry (removed in December 2026); " +
          'use docker.io/istio (got "oci://gcr.io/istio-release/charts")',
      ],
      [
        "a chart repository over plain HTTP",
        { ...minimalStackValues(), istio: { chartRepository: "http://charts.example/istio" } },
        'mesh-platform:istio.chartRepository: must be an https:// or oci:// chart repository URL without a trailing slash (got "http://charts.example/istio")',
      ],
      [
        "Istio's retired image registry",
        { ...minimalStackValues(), istio: { hub: "registry.istio.io/release" } },
        "mesh-platform:istio.hub: registry.istio.io is a retired Istio image registry (removed in December 2026); " +
          'use docker.io/istio (got "registry.istio.io/release")',
      ],
      [
        "Istio's retired GCR hub",
        { ...minimalStackValues(), istio: { hub: "gcr.io/istio-release" } },
        "mesh-platform:istio.hub: gcr.io/istio-release is a retired Istio image registry (removed in December 2026); " +
          'use docker.io/istio (got "gcr.io/istio-release")',
      ],
      [
        "an image hub with a scheme",
        { ...minimalStackValues(), istio: { hub: "https://docker.io/istio" } },
        'mesh-platform:istio.hub: must be an image registry path such as docker.io/istio, without a scheme or tag (got "https://docker.io/istio")',
      ],
      [
        "a metrics server that is not a URL",
        { ...minimalStackValues(), flagger: { metricsServer: "prometheus:9090" } },
        'mesh-platform:flagger.metricsServer: must be an http(s) URL of the Prometheus server (got "prometheus:9090")',
      ],
      [
        "an unknown cluster kind",
        { ...minimalStackValues(), cluster: { kind: "gke" } },
        "mesh-platform:cluster.kind: Invalid discriminator value. Expected 'eks' | 'kubeconfig' (got \"gke\")",
      ],
      [
        "a service namespace that is not a mesh namespace",
        withService(staticService({ namespace: "other" })),
        'mesh-platform:services[0].namespace: is not one of the mesh namespaces listed under namespaces (got "other")',
      ],
      [
        "a split that does not total 100",
        withService(staticService({ split: { stable: 80, canary: 10 } })),
        'mesh-platform:services[0].split: stable and canary weights must total 100 (got {"stable":80,"canary":10})',
      ],
      [
        "stepWeight above maxWeight",
        withService(progressive({ stepWeight: 60 })),
        "mesh-platform:services[0].canary.stepWeight: must not exceed maxWeight (50) (got 60)",
      ],
      [
        "both stepWeight and stepWeights",
        withService(progressive({ stepWeights: [10, 20] })),
        "mesh-platform:services[0].canary.stepWeight: set exactly one of stepWeight and stepWeights (got 10)",
      ],
      [
        "stepWeights that do not increase",
        withService(progressive({ stepWeight: undefined, stepWeights: [10, 10] })),
        "mesh-platform:services[0].canary.stepWeights[1]: must be greater than the step before it (got 10)",
      ],
      [
        "stepWeights above maxWeight",
        withService(progressive({ stepWeight: undefined, stepWeights: [10, 60] })),
        "mesh-platform:services[0].canary.stepWeights[1]: must not exceed maxWeight (50) (got 60)",
      ],
      [
        "a weighted rollout without maxWeight",
        withService(progressive({ maxWeight: undefined })),
        "mesh-platform:services[0].canary.maxWeight: is required for a weighted rollout (got nothing)",
      ],
      [
        "the retired headerTest key, pointing at its replacement",
        withService(progressive({ headerTest: { iterations: 5 } })),
        "mesh-platform:services[0].canary.headerTest: was replaced by strategy: abTest with iterations and match.header " +
          "(see docs/delivery-strategies.md)",
      ],
      [
        "alerts with nowhere to go",
        { ...withService(progressive({})), flagger: { metricsServer: "http://prom:9090" } },
        "mesh-platform:services[0].canary.alerts: needs flagger.alerts to say where alerts go (or set alerts: false) (got true)",
      ],
      [
        "a custom metric without bounds",
        withService(progressive({ metrics: [{ name: "errors", query: "q" }] })),
        "mesh-platform:services[0].canary.metrics[0].min: needs min, max or both (got nothing)",
      ],
      [
        "an injection label set by hand",
        { ...minimalStackValues(), namespaces: [{ name: "apps", labels: { "istio-injection": "enabled" } }] },
        'mesh-platform:namespaces[0].labels.istio-injection: is set by the platform from istio.revisions and namespaces[].revision; remove it (got "enabled")',
      ],
      [
        "a platform namespace listed as a mesh namespace",
        { ...minimalStackValues(), namespaces: [{ name: "istio-system" }] },
        'mesh-platform:namespaces[0].name: is the platform\'s own namespace (istio.namespace, flagger.namespace) and cannot be a service namespace (got "istio-system")',
      ],
      [
        "a namespace listed twice",
        { ...minimalStackValues(), namespaces: [{ name: "apps" }, { name: "apps" }] },
        'mesh-platform:namespaces[1].name: is listed twice (also namespaces[0]) (got "apps")',
      ],
      ["a missing cluster", { ...minimalStackValues(), cluster: undefined }, "mesh-platform:cluster: is required"],
      [
        "an EKS cluster name and role that AWS would refuse",
        { ...minimalStackValues(), cluster: { kind: "eks", name: "prod cluster", region: "eu-west-1", roleArn: "arn:aws:iam::123:role" } },
        [
          "mesh-platform:cluster.name: must be an EKS cluster name: letters, digits, '-' and '_', starting with a letter or digit, at most 100 characters " +
            '(got "prod cluster")',
          'mesh-platform:cluster.roleArn: must be an IAM role ARN such as arn:aws:iam::123456789012:role/deployer (got "arn:aws:iam::123:role")',
        ],
      ],
    ];
    for (const [title, values, expected] of cases) {
      it(`rejects ${title}`, () => {
        assert.deepEqual(problemsOf(values), typeof expected === "string" ? [expected] : expected);
      });
    }

    it("rejects tracing collectors istiod cannot resolve (a short name, a name.namespace, localhost, an IP) and takes the two it can", () => {
      const collectors = ["otel-collector:4317", "otel-collector.observability:4317", "localhost:4317", "10.0.0.7:4317"];
      const use =
        "use otel-collector.observability.svc.cluster.local:4317, or observability/otel.example.com:4317 for a ServiceEntry's host";
      assert.deepEqual(
        collectors.flatMap((collector) => problemsOf({ ...minimalStackValues(), istio: { tracing: { collector } } })),
        [
          `mesh-platform:istio.tracing.collector: is not a full Service name, so istiod finds no such host in its registry and sends no spans: ${use} (got "otel-collector:4317")`,
          `mesh-platform:istio.tracing.collector: is not a full Service name, so istiod finds no such host in its registry and sends no spans: ${use} (got "otel-collector.observability:4317")`,
          `mesh-platform:istio.tracing.collector: names no host istiod can find (it resolves collectors by hostname in its registry, never localhost or an IP address): ${use} (got "localhost:4317")`,
          `mesh-platform:istio.tracing.collector: names no host istiod can find (it resolves collectors by hostname in its registry, never localhost or an IP address): ${use} (got "10.0.0.7:4317")`,
        ],
      );
      for (const collector of ["otel-collector.observability.svc.cluster.local:4317", "observability/otel.example.com:4317"]) {
        assert.equal(parseStackConfig({ ...minimalStackValues(), istio: { tracing: { collector } } }).istio.tracing?.collector, collector);
      }
    });

    it("rejects a duplicate service name in one namespace", () => {
      const problems = problemsOf(withService(staticService(), { services: [staticService(), staticService({ port: 81 })] }));
      assert.deepEqual(problems, ['mesh-platform:services[1].name: duplicates services[0] in namespace apps (got "api")']);
    });

    it("rejects a TCP pool on a progressive service, saying why", () => {
      const service = progressive({}, { trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } } });
      assert.deepEqual(problemsOf(withService(service)), [
        'mesh-platform:services[0].trafficPolicy.connectionPool.tcp: Flagger\'s Canary only supports an HTTP connection pool; use delivery: static for a TCP pool (got "tcp")',
      ]);
    });

    it("reports every problem at once, in one error message that names the service each key belongs to", () => {
      try {
        parseStackConfig(withService(progressive({ maxWeight: 150, interval: "30" })));
        assert.fail("accepted");
      } catch (error) {
        assert.ok(error instanceof StackConfigError);
        assert.equal(
          error.message,
          "Invalid stack configuration:\n" +
            '  - mesh-platform:services[0].canary.interval (service web): must be a whole number of seconds or minutes, such as 30s or 1m (got "30")\n' +
            "  - mesh-platform:services[0].canary.maxWeight (service web): Too big: expected number to be <=100 (got 150)",
        );
      }
    });
  });

  describe("control-plane revisions", () => {
    /** The minimal stack with Istio revisions; `extra` overrides top-level keys. */
    const withRevisions = (istio: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      ...minimalStackValues(),
      versions: { istio: "1.31.1" },
      istio: {
        revisions: [
          { name: "1-30-5", version: "1.30.5", tags: ["stable"] },
          { name: "1-31-1", version: "1.31.1", tags: ["canary"] },
        ],
        defaultRevision: "stable",
        ...istio,
      },
      ...extra,
    });

    it("accepts revisions with tags, selections by tag or by revision name, and resolves nothing itself", () => {
      const config = parseStackConfig(
        withRevisions(
          { ingressGateway: { enabled: true, revision: "1-31-1" } },
          {
            namespaces: [{ name: "apps", revision: "canary" }],
            flagger: { metricsServer: "http://prom:9090", loadtesterRevision: "canary" },
          },
        ),
      );
      assert.deepEqual(config.istio.revisions?.[1], { name: "1-31-1", version: "1.31.1", tags: ["canary"] });
      assert.equal(config.namespaces[0].revision, "canary");
      assert.equal(config.flagger.loadtesterRevision, "canary");
    });

    it("rejects a namespace on a tag nobody serves, naming what is served", () => {
      assert.deepEqual(problemsOf(withRevisions({}, { namespaces: [{ name: "apps", revision: "prod-canary" }] })), [
        'mesh-platform:namespaces[0].revision: selects a tag or revision that no istiod serves (tags: stable, canary; revisions: 1-30-5, 1-31-1) (got "prod-canary")',
      ]);
    });

    it("rejects a tag on two revisions", () => {
      const revisions = [
        { name: "1-30-5", version: "1.30.5", tags: ["stable"] },
        { name: "1-31-1", version: "1.31.1", tags: ["stable"] },
      ];
      assert.deepEqual(problemsOf(withRevisions({ revisions })), [
        'mesh-platform:istio.revisions[1].tags[0]: is already a tag of revision 1-30-5: a tag points at one revision (got "stable")',
      ]);
    });

    it("rejects a base older than an istiod", () => {
      assert.deepEqual(problemsOf(withRevisions({}, { versions: { istio: "1.30.5" } })), [
        "mesh-platform:istio.revisions[1].version: is newer than the base chart (versions.istio 1.30.5): CRDs must come from the newest base, " +
          'so raise versions.istio to at least this version (got "1.31.1")',
      ]);
    });

    it("rejects a revision listed twice and a tag named like a revision", () => {
      const revisions = [
        { name: "1-31-1", version: "1.31.1", tags: ["stable"] },
        { name: "1-31-1", version: "1.31.1", tags: ["1-31-1"] },
      ];
      assert.deepEqual(problemsOf(withRevisions({ revisions })), [
        'mesh-platform:istio.revisions[1].name: is listed twice (got "1-31-1")',
        'mesh-platform:istio.revisions[1].tags[0]: is also a revision name; a tag needs a name of its own (got "1-31-1")',
      ]);
    });

    it("rejects Istio's reserved default tag and tags too long for their Service name", () => {
      const revisions = [{ name: "1-31-1", version: "1.31.1", tags: ["default", "x".repeat(44)] }];
      assert.deepEqual(problemsOf(withRevisions({ revisions, defaultRevision: "1-31-1" })), [
        'mesh-platform:istio.revisions[0].tags[0]: is reserved by Istio for the default revision; pick another tag name (got "default")',
        `mesh-platform:istio.revisions[0].tags[1]: must be at most 43 characters: its Service is named istiod-revision-tag-<tag> (got "${"x".repeat(44)}")`,
      ]);
    });

    it("requires istio.defaultRevision with revisions", () => {
      assert.deepEqual(problemsOf(withRevisions({ defaultRevision: undefined })), [
        "mesh-platform:istio.defaultRevision: is required with istio.revisions: name the tag or revision that namespaces select unless they name their own (got nothing)",
      ]);
    });

    it("rejects every selection made without revisions, all at once", () => {
      const values = {
        ...minimalStackValues(),
        istio: { defaultRevision: "stable", ingressGateway: { enabled: true, revision: "stable" } },
        flagger: { metricsServer: "http://prom:9090", loadtesterRevision: "canary" },
        namespaces: [{ name: "apps", revision: "stable" }],
      };
      const why = "needs istio.revisions: without revisions one istiod serves every namespace labelled istio-injection=enabled";
      assert.deepEqual(problemsOf(values), [
        `mesh-platform:istio.defaultRevision: ${why} (got "stable")`,
        `mesh-platform:istio.ingressGateway.revision: ${why} (got "stable")`,
        `mesh-platform:flagger.loadtesterRevision: ${why} (got "canary")`,
        `mesh-platform:namespaces[0].revision: ${why} (got "stable")`,
      ]);
    });

    it("points the old istio.revision key at its replacement", () => {
      assert.deepEqual(problemsOf({ ...minimalStackValues(), istio: { revision: "1-30" } }), [
        "mesh-platform:istio.revision: was replaced by istio.revisions (istiod revisions with their tags) and istio.defaultRevision; " +
          "see docs/upgrading-istio.md",
      ]);
    });
  });

  describe("configKeyPath", () => {
    it("writes list indices in brackets and fields with dots", () => {
      assert.equal(configKeyPath(["services", 2, "canary", "stepWeights", 0]), "mesh-platform:services[2].canary.stepWeights[0]");
      assert.equal(configKeyPath([]), "mesh-platform config");
    });
  });
});
