import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../../infra/config/parse";
import { problemsOf, progressive, staticService, withService } from "../../helpers/configFixtures";
import { minimalStackValues } from "../../helpers/stackFiles";

const metric = (name: string) => ({ name, query: "sum(rate(errors[1m]))", max: 1 });

describe("stack rules across keys", () => {
  describe("replicas and resources", () => {
    it("rejects HPA minimums above their maximums, for istiod and the gateway", () => {
      const values = {
        ...minimalStackValues(),
        istio: { istiodMinReplicas: 6, istiodMaxReplicas: 3, ingressGateway: { enabled: true, minReplicas: 4, maxReplicas: 2 } },
      };
      assert.deepEqual(problemsOf(values), [
        "mesh-platform:istio.istiodMinReplicas: is above istio.istiodMaxReplicas (3); a HorizontalPodAutoscaler needs its minimum at or below its maximum (got 6)",
        "mesh-platform:istio.ingressGateway.minReplicas: is above istio.ingressGateway.maxReplicas (2); a HorizontalPodAutoscaler needs its minimum at or below its maximum (got 4)",
      ]);
    });

    it("rejects sidecar requests above their limits, comparing quantities, not text", () => {
      const values = {
        ...minimalStackValues(),
        istio: { proxyResources: { requests: { cpu: "1500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1000Mi" } } },
      };
      assert.deepEqual(problemsOf(values), [
        'mesh-platform:istio.proxyResources.requests.cpu: is above istio.proxyResources.limits.cpu (1); Kubernetes refuses a request above its limit (got "1500m")',
        'mesh-platform:istio.proxyResources.requests.memory: is above istio.proxyResources.limits.memory (1000Mi); Kubernetes refuses a request above its limit (got "1Gi")',
      ]);
      const equal = { requests: { cpu: "1000m", memory: "1Gi" }, limits: { cpu: "1", memory: "1024Mi" } };
      assert.deepEqual(parseStackConfig({ ...minimalStackValues(), istio: { proxyResources: equal } }).istio.proxyResources, equal);
    });
  });

  describe("namespaces", () => {
    it("rejects Kubernetes' own namespaces wherever a namespace is named", () => {
      const values = {
        ...minimalStackValues(),
        istio: { namespace: "kube-system" },
        flagger: { metricsServer: "http://prom:9090", namespace: "default" },
        namespaces: [{ name: "kube-public" }],
      };
      const why =
        "is one of Kubernetes' own namespaces (default, kube-*); the platform labels and deletes the namespaces it is given, so give it one of its own";
      assert.deepEqual(problemsOf(values), [
        `mesh-platform:istio.namespace: ${why} (got "kube-system")`,
        `mesh-platform:flagger.namespace: ${why} (got "default")`,
        `mesh-platform:namespaces[0].name: ${why} (got "kube-public")`,
      ]);
    });

    it("gives the load tester a namespace of its own", () => {
      const values = { ...minimalStackValues(), flagger: { metricsServer: "http://prom:9090", loadtesterNamespace: "istio-system" } };
      assert.deepEqual(problemsOf(values), [
        'mesh-platform:flagger.loadtesterNamespace: is also istio.namespace; the load tester needs a namespace of its own (got "istio-system")',
        'mesh-platform:flagger.loadtesterNamespace: is also flagger.namespace; the load tester needs a namespace of its own (got "istio-system")',
      ]);
    });

    it("keeps Flagger out of a gateway namespace, which is in the mesh, but allows the control plane's", () => {
      const values = (gatewayNamespace: string) => ({
        ...minimalStackValues(),
        istio: { ingressGateway: { enabled: true, namespace: gatewayNamespace } },
        flagger: { metricsServer: "http://prom:9090", namespace: "edge" },
      });
      assert.deepEqual(problemsOf(values("edge")), [
        "mesh-platform:flagger.namespace: is also istio.ingressGateway.namespace, which is in the mesh; Flagger must run outside it " +
          '(use its own namespace or istio.namespace) (got "edge")',
      ]);
      const shared = { ...values("istio-system"), flagger: { metricsServer: "http://prom:9090" } };
      assert.equal(parseStackConfig(shared).flagger.namespace, "istio-system");
    });

    it("rejects the gateway's namespace as a service namespace only while the gateway is on", () => {
      const values = (enabled: boolean) => ({
        ...minimalStackValues(),
        istio: { ingressGateway: { enabled, namespace: "edge" } },
        namespaces: [{ name: "edge" }],
      });
      assert.deepEqual(problemsOf(values(true)), [
        "mesh-platform:namespaces[0].name: is the platform's own namespace (istio.ingressGateway.namespace) and cannot be a service namespace " +
          '(got "edge")',
      ]);
      assert.equal(parseStackConfig(values(false)).namespaces[0].name, "edge");
    });
  });

  describe("names derived from a service", () => {
    it("rejects a service named like one Flagger generates for a progressive service in the same namespace", () => {
      const values = withService(progressive({}), {
        services: [progressive({}), staticService({ name: "web-primary" }), staticService({ name: "web-canary", namespace: "other" })],
        namespaces: [{ name: "apps" }, { name: "other" }],
      });
      assert.deepEqual(problemsOf(values), [
        'mesh-platform:services[1].name: is a name Flagger generates for services[0] (web, progressive) in namespace apps; rename one of them (got "web-primary")',
      ]);
    });

    it("rejects two metrics that make the same MetricTemplate, within one service or across two", () => {
      const values = withService(progressive({}), {
        services: [
          progressive({ metrics: [metric("b-c"), metric("errors"), metric("errors")] }, { name: "a" }),
          progressive({ metrics: [metric("c")] }, { name: "a-b" }),
        ],
      });
      assert.deepEqual(problemsOf(values), [
        'mesh-platform:services[0].canary.metrics[2].name: is listed twice (also metrics[1]) (got "errors")',
        "mesh-platform:services[1].canary.metrics[0].name: makes the MetricTemplate a-b-c in namespace apps, as services[0].canary.metrics[0].name does; " +
          'rename one of them (got "c")',
      ]);
    });

    it("rejects a custom metric named like one of Flagger's built-in ones", () => {
      assert.deepEqual(problemsOf(withService(progressive({ metrics: [metric("request-duration")] }))), [
        "mesh-platform:services[0].canary.metrics[0].name: is one of Flagger's built-in metrics (request-success-rate, request-duration), " +
          'which every canary already checks; pick another name (got "request-duration")',
      ]);
    });
  });

  describe("settings that can never work", () => {
    it("rejects a metric whose minimum is above its maximum", () => {
      assert.deepEqual(problemsOf(withService(progressive({ metrics: [{ ...metric("errors"), min: 5 }] }))), [
        "mesh-platform:services[0].canary.metrics[0].min: is above max (1): no value can pass, so every analysis would fail (got 5)",
      ]);
    });

    it("rejects subsets that select the same pods, or every pod", () => {
      assert.deepEqual(problemsOf(withService(staticService({ subsets: { stable: { app: "api" }, canary: { app: "api" } } }))), [
        'mesh-platform:services[0].subsets.canary: selects the same pods as subsets.stable, so the split and the canary header change nothing (got {"app":"api"})',
      ]);
      assert.deepEqual(problemsOf(withService(staticService({ subsets: { stable: {}, canary: { track: "canary" } } }))), [
        "mesh-platform:services[0].subsets.stable: must select pods by at least one label: an empty selector takes every pod of the service (got {})",
      ]);
    });

    it("keeps retries of 0 alone and fills the default conditions only when retrying", () => {
      const config = parseStackConfig(
        withService(staticService({ retries: { attempts: 0 } }), {
          services: [staticService({ retries: { attempts: 0 } }), staticService({ name: "b", retries: { attempts: 2 } })],
        }),
      );
      assert.deepEqual(config.services[0].retries, { attempts: 0 });
      assert.deepEqual(config.services[1].retries, { attempts: 2, retryOn: "gateway-error,connect-failure,refused-stream" });
    });
  });
});
