import { strict as assert } from "node:assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CanariedService } from "../../components/canariedService";
import { retainCustomResourceDefinitions } from "../../components/crdRetention";
import { IstioControlPlane } from "../../components/istioControlPlane";
import { Kiali } from "../../components/kiali";
import { MeshNamespace } from "../../components/meshNamespace";
import { registerObject } from "../../components/registerObject";
import { RoutedService } from "../../components/routedService";
import { ignoreIstiodWebhookDrift } from "../../components/webhookDrift";
import type { ProgressiveServiceConfig, StaticServiceConfig } from "../../infra/config/schema";
import { canaryContext, progressiveServiceObjects, servicePerimeter, staticServiceObjects } from "../../components/builders/stack";
import { callGraph } from "../../components/builders/callGraph";
import { everythingConfig, minimalConfig } from "../helpers/configFixtures";
import { runUnderMocks } from "../helpers/pulumiHarness";

const CHART = "kubernetes:helm.sh/v4:Chart";

/** Stand-ins for the charts and namespaces a component depends on. */
function dependencies() {
  const istioCrds = new k8s.helm.v4.Chart("crds-istio", { chart: "base" });
  const istioValidator = new k8s.helm.v4.Chart("validator-istio", { chart: "istiod" });
  const flaggerCrds = new k8s.helm.v4.Chart("crds-flagger", { chart: "flagger" });
  const namespace = new k8s.core.v1.Namespace("ns", {});
  return { istioConfigReady: [istioCrds, istioValidator], flaggerCrds, namespace };
}

describe("components in isolation", () => {
  it("IstioControlPlane without a gateway installs base then istiod in its own namespace", async () => {
    const config = minimalConfig();
    const run = await runUnderMocks({}, () => {
      new IstioControlPlane("mesh", { istio: config.istio, versions: config.versions });
    });
    assert.deepEqual(
      run.resources.map((r) => `${r.type}::${r.name}::${r.parent}`),
      [
        "mesh:istio:IstioControlPlane::mesh::undefined",
        "kubernetes:core/v1:Namespace::mesh-namespace::mesh:istio:IstioControlPlane::mesh",
        `${CHART}::mesh-base::mesh:istio:IstioControlPlane::mesh`,
        `${CHART}::mesh-istiod::mesh:istio:IstioControlPlane::mesh`,
        "kubernetes:telemetry.istio.io/v1:Telemetry::mesh-telemetry::mesh:istio:IstioControlPlane::mesh",
      ],
    );
    assert.equal(run.get(CHART, "mesh-base").protect, true, "CRD chart protected by default");
    // The type token follows the class name; the alias keeps stacks created under the old one.
    assert.deepEqual(run.get("mesh:istio:IstioControlPlane", "mesh").aliases, [{ type: "mesh:istio:ControlPlane" }]);
    assert.equal(run.get(CHART, "mesh-istiod").inputs.namespace, "istio-system");
  });

  it("IstioControlPlane reuses the control-plane namespace for a gateway placed in it, and can leave the CRD chart unprotected", async () => {
    const config = minimalConfig({ istio: { ingressGateway: { enabled: true, namespace: "istio-system" } } });
    const run = await runUnderMocks({}, () => {
      new IstioControlPlane("mesh", { istio: config.istio, versions: config.versions, protectCrdChart: false });
    });
    assert.deepEqual(
      run.ofType("kubernetes:core/v1:Namespace").map((r) => r.name),
      ["mesh-namespace"],
    );
    assert.deepEqual(run.get(CHART, "mesh-gateway").dependsOn, ["kubernetes:core/v1:Namespace::mesh-namespace", `${CHART}::mesh-istiod`]);
    assert.equal(run.get(CHART, "mesh-base").protect, false);
  });

  it("IstioControlPlane installs from an OCI registry by full chart reference", async () => {
    const config = minimalConfig({ istio: { chartRepository: "oci://ghcr.io/istio/release/charts" } });
    const run = await runUnderMocks({}, () => {
      new IstioControlPlane("mesh", { istio: config.istio, versions: config.versions });
    });
    for (const [name, chart] of [
      ["mesh-base", "base"],
      ["mesh-istiod", "istiod"],
    ]) {
      assert.equal(run.get(CHART, name).inputs.chart, `oci://ghcr.io/istio/release/charts/${chart}`);
      assert.equal(run.get(CHART, name).inputs.repositoryOpts, undefined);
    }
  });

  it("MeshNamespace creates the namespace, then its policies, scope and ServiceEntries on the Istio CRDs, and its services' ServiceAccounts", async () => {
    const config = everythingConfig();
    const run = await runUnderMocks({}, () => {
      const { istioConfigReady } = dependencies();
      new MeshNamespace("team", {
        spec: {
          name: "team",
          permissiveWorkloads: [{ name: "legacy", selector: { app: "legacy" }, port: 9000 }],
          istioNamespace: "istio-system",
          remoteHosts: [{ namespace: "shop", host: "cart.shop.svc.cluster.local" }],
          externalApis: config.externalApis,
          serviceAccounts: ["cart-sa", "checkout"],
        },
        istioConfigReady,
      });
    });
    const children = run.resources.filter((r) => r.parent === "mesh:namespaces:MeshNamespace::team");
    assert.deepEqual(
      children.map((r) => `${r.type}::${r.name}`),
      [
        "kubernetes:core/v1:Namespace::team",
        "kubernetes:security.istio.io/v1:PeerAuthentication::team-default",
        "kubernetes:security.istio.io/v1:PeerAuthentication::team-legacy",
        "kubernetes:security.istio.io/v1:AuthorizationPolicy::team-authz-allow-nothing",
        "kubernetes:security.istio.io/v1:AuthorizationPolicy::team-authz-legacy",
        "kubernetes:networking.istio.io/v1:Sidecar::team-sidecar",
        "kubernetes:networking.istio.io/v1:ServiceEntry::team-serviceentry-payments",
        "kubernetes:core/v1:ServiceAccount::team-serviceaccount-cart-sa",
        "kubernetes:core/v1:ServiceAccount::team-serviceaccount-checkout",
      ],
    );
    for (const child of children.slice(1, -2)) {
      assert.deepEqual(child.dependsOn, ["kubernetes:core/v1:Namespace::team", `${CHART}::crds-istio`, `${CHART}::validator-istio`]);
    }
    for (const account of children.slice(-2)) {
      // Built into Kubernetes: only the namespace must exist first.
      assert.deepEqual(account.dependsOn, ["kubernetes:core/v1:Namespace::team"]);
      assert.deepEqual(account.inputs.metadata, {
        name: account.name.replace("team-serviceaccount-", ""),
        namespace: "team",
        labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "mesh-platform" },
      });
    }
  });

  it("CanariedService registers MetricTemplates and the Canary against the Flagger CRDs", async () => {
    const config = everythingConfig();
    const cart = config.services.find((s) => s.name === "cart") as ProgressiveServiceConfig;
    const run = await runUnderMocks({}, () => {
      const { flaggerCrds, istioConfigReady, namespace } = dependencies();
      new CanariedService("shop/cart", {
        objects: progressiveServiceObjects(cart, canaryContext(config), servicePerimeter(cart, config, callGraph(config))),
        flaggerCrds,
        istioConfigReady,
        namespace,
      });
    });
    const template = run.get("kubernetes:flagger.app/v1beta1:MetricTemplate", "shop/cart-metrictemplate-cart-error-budget");
    const canary = run.get("kubernetes:flagger.app/v1beta1:Canary", "shop/cart-canary");
    assert.deepEqual(template.dependsOn, ["kubernetes:core/v1:Namespace::ns", `${CHART}::crds-flagger`]);
    assert.deepEqual(canary.dependsOn, [
      "kubernetes:core/v1:Namespace::ns",
      "kubernetes:flagger.app/v1beta1:MetricTemplate::shop/cart-metrictemplate-cart-error-budget",
      "kubernetes:autoscaling/v2:HorizontalPodAutoscaler::shop/cart-hpa",
      `${CHART}::crds-flagger`,
    ]);
    // The HPA the Canary names: a built-in kind, so it waits for the namespace only.
    const hpa = run.get("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "shop/cart-hpa");
    assert.deepEqual(hpa.dependsOn, ["kubernetes:core/v1:Namespace::ns"]);
    assert.deepEqual((canary.inputs.spec as any).autoscalerRef, {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      name: "cart",
    });
    for (const child of [template, canary]) {
      assert.equal(child.parent, "mesh:delivery:CanariedService::shop/cart");
    }
    assert.equal((canary.inputs.spec as any).analysis.metrics[2].templateRef.name, "cart-error-budget");
    assert.deepEqual(run.ofType("kubernetes:networking.istio.io/v1:VirtualService"), []);
    // Who may call its pods, and their rate limit: Istio objects, waiting for Istio's CRDs and istiod.
    const guards = run.resources.filter((r) => r.type.includes("istio.io"));
    assert.deepEqual(
      guards.map((r) => `${r.type}::${r.name}`),
      [
        "kubernetes:security.istio.io/v1:AuthorizationPolicy::shop/cart-authz-cart-callers",
        "kubernetes:security.istio.io/v1:AuthorizationPolicy::shop/cart-authz-cart-primary-callers",
        "kubernetes:networking.istio.io/v1:Sidecar::shop/cart-sidecar-cart",
        "kubernetes:networking.istio.io/v1:Sidecar::shop/cart-sidecar-cart-primary",
        "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter::shop/cart-envoyfilter-cart-ratelimit",
        "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter::shop/cart-envoyfilter-cart-primary-ratelimit",
      ],
    );
    for (const guard of guards) {
      assert.equal(guard.parent, "mesh:delivery:CanariedService::shop/cart");
      assert.deepEqual(guard.dependsOn, ["kubernetes:core/v1:Namespace::ns", `${CHART}::crds-istio`, `${CHART}::validator-istio`]);
    }
  });

  it("RoutedService creates the DestinationRule before the VirtualService that uses its subsets", async () => {
    const config = everythingConfig();
    const checkout = config.services.find((s) => s.name === "checkout") as StaticServiceConfig;
    const run = await runUnderMocks({}, () => {
      const { istioConfigReady, namespace } = dependencies();
      const gateway = new k8s.apiextensions.CustomResource("gateway", { apiVersion: "networking.istio.io/v1", kind: "Gateway" });
      new RoutedService("shop-checkout", {
        objects: staticServiceObjects(checkout, "edge", servicePerimeter(checkout, config, callGraph(config))),
        istioConfigReady,
        namespace,
        gateways: [gateway],
      });
    });
    assert.deepEqual(run.get("kubernetes:networking.istio.io/v1:DestinationRule", "shop-checkout-destinationrule").dependsOn, [
      "kubernetes:core/v1:Namespace::ns",
      `${CHART}::crds-istio`,
      `${CHART}::validator-istio`,
    ]);
    assert.deepEqual(run.get("kubernetes:networking.istio.io/v1:VirtualService", "shop-checkout-virtualservice").dependsOn, [
      "kubernetes:core/v1:Namespace::ns",
      "kubernetes:networking.istio.io/v1:DestinationRule::shop-checkout-destinationrule",
      `${CHART}::crds-istio`,
      `${CHART}::validator-istio`,
    ]);
    // Its ingress routes wait for their Gateway too.
    const ingress = run.get("kubernetes:networking.istio.io/v1:VirtualService", "shop-checkout-ingress-virtualservice");
    assert.deepEqual(ingress.dependsOn, [
      "kubernetes:core/v1:Namespace::ns",
      "kubernetes:networking.istio.io/v1:DestinationRule::shop-checkout-destinationrule",
      "kubernetes:networking.istio.io/v1:Gateway::gateway",
      `${CHART}::crds-istio`,
      `${CHART}::validator-istio`,
    ]);
    assert.deepEqual((ingress.inputs.spec as any).gateways, ["edge/public"]);
    assert.deepEqual(
      run.ofType("kubernetes:security.istio.io/v1:AuthorizationPolicy").map((r) => r.name),
      ["shop-checkout-authz-checkout-callers"],
    );
  });

  it("IstioControlPlane declares each Gateway in the gateway's namespace, after Istio's CRDs and istiod", async () => {
    const config = everythingConfig();
    const run = await runUnderMocks({}, () => {
      new IstioControlPlane("mesh", { istio: config.istio, versions: config.versions });
    });
    const gateway = run.get("kubernetes:networking.istio.io/v1:Gateway", "mesh-gateway-public");
    assert.equal(gateway.parent, "mesh:istio:IstioControlPlane::mesh");
    assert.deepEqual(gateway.inputs.metadata, { name: "public", namespace: "edge" });
    assert.deepEqual(gateway.dependsOn, [
      "kubernetes:core/v1:Namespace::mesh-gateway-namespace",
      `${CHART}::mesh-base`,
      `${CHART}::mesh-istiod-1-30`,
      `${CHART}::mesh-istiod-1-31`,
    ]);
  });

  it("registerObject refuses a custom resource whose CRD chart is missing, and unmapped built-in kinds", async () => {
    await runUnderMocks({}, () => {
      const parent = new pulumi.ComponentResource("test:x:Parent", "p");
      assert.throws(
        () =>
          registerObject(
            "c",
            { apiVersion: "flagger.app/v1beta1", kind: "Canary", metadata: { name: "c", namespace: "n" } },
            { parent, crdCharts: {} },
          ),
        /Canary n\/c needs the flagger chart, which ships its CRD, but it was not passed in/,
      );
      assert.throws(
        () => registerObject("d", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" } }, { parent, crdCharts: {} }),
        /no Pulumi resource type is mapped for apps\/v1 Deployment/,
      );
    });
  });
});

describe("the mock harness, like the engine", () => {
  it("Kiali installs the operator in its own namespace, then the Kiali resource, and can leave the CRD chart unprotected", async () => {
    const config = everythingConfig();
    const run = await runUnderMocks({}, () => {
      const { namespace } = dependencies();
      new Kiali(
        "console",
        {
          kiali: config.kiali,
          versions: config.versions,
          istioNamespace: "istio-system",
          istioNamespaceResource: namespace,
          prometheusUrl: "http://prom:9090",
          protectCrdChart: false,
        },
        {},
      );
    });
    const PARENT = "mesh:observability:Kiali::console";
    assert.deepEqual(
      run.resources.filter((r) => r.parent === PARENT).map((r) => `${r.type}::${r.name}::${r.dependsOn.join(",")}`),
      [
        "kubernetes:core/v1:Namespace::console-operator-namespace::",
        `${CHART}::console-operator::kubernetes:core/v1:Namespace::console-operator-namespace`,
        `kubernetes:kiali.io/v1alpha1:Kiali::console-instance::kubernetes:core/v1:Namespace::ns,${CHART}::console-operator`,
      ],
    );
    assert.equal(run.get(CHART, "console-operator").protect, false);
    assert.equal(run.get(CHART, "console-operator").inputs.namespace, "kiali");
    assert.deepEqual(run.get(CHART, "console-operator").transforms, [retainCustomResourceDefinitions]);
  });

  it("fails a run that declares two resources with one URN", async () => {
    await assert.rejects(
      runUnderMocks({}, () => {
        new k8s.core.v1.Namespace("twice", {});
        new k8s.core.v1.Namespace("twice", {});
      }),
      /Duplicate resource URN: kubernetes:core\/v1:Namespace::twice/,
    );
  });

  it("accepts one name under parents of different types, which the engine tells apart", async () => {
    const run = await runUnderMocks({}, () => {
      new k8s.core.v1.Namespace("same", {}, { parent: new pulumi.ComponentResource("test:a:A", "a") });
      new k8s.core.v1.Namespace("same", {}, { parent: new pulumi.ComponentResource("test:b:B", "b") });
    });
    assert.deepEqual(
      run.ofType("kubernetes:core/v1:Namespace").map((r) => r.parent),
      ["test:a:A::a", "test:b:B::b"],
    );
  });
});

describe("retainCustomResourceDefinitions", () => {
  it("keeps a CRD when its chart goes, keeping its other options, and leaves every other resource alone", () => {
    const transform = (type: string) =>
      retainCustomResourceDefinitions({ type, name: "x", custom: true, props: { a: 1 }, opts: { protect: true } }) as
        { props: Record<string, unknown>; opts: pulumi.CustomResourceOptions } | undefined;
    assert.deepEqual(transform("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition"), {
      props: { a: 1 },
      opts: { protect: true, retainOnDelete: true },
    });
    assert.equal(transform("kubernetes:apps/v1:Deployment"), undefined);
  });
});

describe("ignoreIstiodWebhookDrift", () => {
  const transform = (type: string, ignoreChanges?: string[]) =>
    ignoreIstiodWebhookDrift({ type, name: "x", custom: true, props: {}, opts: { ignoreChanges } }) as
      { opts: pulumi.CustomResourceOptions } | undefined;

  it("ignores the caBundle istiod patches into its webhook configurations, keeping existing ignores, and not failurePolicy", () => {
    const validating = transform("kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration", ["metadata.labels"]);
    assert.deepEqual(validating?.opts.ignoreChanges, ["metadata.labels", "webhooks[*].clientConfig.caBundle"]);
    const mutating = transform("kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration");
    assert.deepEqual(mutating?.opts.ignoreChanges, ["webhooks[*].clientConfig.caBundle"]);
  });

  it("leaves every other resource alone", () => {
    assert.equal(transform("kubernetes:apps/v1:Deployment"), undefined);
  });
});
