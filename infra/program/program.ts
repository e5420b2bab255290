/**
 * The stack: one Kubernetes provider, the Istio control plane, Flagger, the mesh namespaces and
 * one component per service. Everything the components declare comes from the builders.
 */
import * as pulumi from "@pulumi/pulumi";
import { CanariedService } from "../../components/canariedService";
import { Flagger } from "../../components/flagger";
import { IstioControlPlane } from "../../components/istioControlPlane";
import { Kiali } from "../../components/kiali";
import { MeshNamespace } from "../../components/meshNamespace";
import { RoutedService } from "../../components/routedService";
import { revisionAssignments } from "../../components/builders/controlPlane";
import { ingressRoutes, type IngressRoute } from "../../components/builders/ingress";
import { KIALI_NAME, KIALI_PORT, KIALI_WEB_ROOT } from "../../components/builders/kiali";
import { INGRESS_GATEWAY_RELEASE, loadtesterUrl } from "../../components/builders/names";
import { canaryWatches, loadtesterNamespaceSpec, scrapedMesh, serviceNamespaceSpecs, stackServices } from "../../components/builders/stack";
import { callGraph } from "../../components/builders/callGraph";
import { connectToCluster } from "./cluster";
import { ALERT_WEBHOOK_URLS_KEY } from "../config/keys";
import { parseStackConfig } from "../config/parse";
import { serviceAccountOf, type ServiceConfig, type StackConfig } from "../config/schema";
import { podLabelsOf, targetPortOf } from "../../components/builders/workloads";
import { readProjectConfig } from "../config/configValues";
import type { SecretValues } from "../../components/secrecy";

export interface StackSecrets {
  /** `mesh-platform:alertWebhookUrls`: each alert provider's webhook URL by name, kept a Pulumi secret. */
  alertWebhookUrls?: pulumi.Output<Record<string, string>>;
  /** Every string a user set as a secret: any object or chart value carrying one is registered as a secret. */
  secretValues?: SecretValues;
}

/**
 * What `pulumi stack output` tells an operator about the deployed mesh, including what the
 * commands of docs/deploying.md, "Verifying a deployment", need.
 */
export interface StackOutputs {
  versions: { istio: string; flagger: string; loadtester: string; kiali: string };
  /** Each istiod revision and the namespaces whose proxies it injects (mesh namespaces, the load tester's, the gateway's). */
  istioRevisions: { name: string; version: string; tags: string[]; namespaces: string[] }[];
  istioNamespace: string;
  flaggerNamespace: string;
  loadtesterUrl: string;
  ingressGateway: boolean;
  /** With the ingress gateway: its Service (whose load balancer answers the URLs) and each exposed service's public URLs. */
  ingress?: { namespace: string; service: string; routes: IngressRoute[] };
  meshNamespaces: string[];
  /**
   * Each service with what its team's manifests must agree on: the ServiceAccount its pods run as
   * (created by the stack unless the team brings it) and the labels its pods must carry.
   */
  services: ServiceOutput[];
  /** With Kiali: the Service to port-forward to and the console's path on it. */
  kiali?: { namespace: string; service: string; port: number; path: string };
}

export interface ServiceOutput {
  name: string;
  namespace: string;
  delivery: "progressive" | "static";
  /** The ServiceAccount its pods must run as (`serviceAccountName`), and whether the stack creates it. */
  serviceAccount: { name: string; createdByStack: boolean };
  /** Labels its pods must carry: the mesh's authorization policies, Sidecars and rate limits select them. */
  podLabels: Record<string, string>;
  /** The port its pods must listen on. */
  targetPort: number;
}

function serviceOutput(service: ServiceConfig): ServiceOutput {
  return {
    name: service.name,
    namespace: service.namespace,
    delivery: service.delivery,
    serviceAccount: { name: serviceAccountOf(service), createdByStack: service.createServiceAccount },
    podLabels: podLabelsOf(service),
    targetPort: targetPortOf(service),
  };
}

/**
 * Whether Pulumi marks a config key secret. `isConfigSecret` is exported by the runtime but left
 * out of its type declarations; if a release drops it, stop rather than treat secrets as plain.
 */
function isConfigSecret(fullKey: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
  if (typeof runtime.isConfigSecret !== "function") {
    throw new Error("@pulumi/pulumi no longer exports runtime.isConfigSecret; secret config cannot be told from plain config");
  }
  return runtime.isConfigSecret(fullKey);
}

/**
 * Reads and validates the stack config, secrets included, and reports every problem at once
 * before any resource exists; then declares the mesh.
 */
export function runStack(): StackOutputs {
  const entries = Object.fromEntries(
    Object.entries(pulumi.runtime.allConfig()).map(([key, value]) => [key, { value, secret: isConfigSecret(key) }]),
  );
  const read = readProjectConfig(entries);
  const config = parseStackConfig(read.values, {
    // The program sees every secret, so a provider without a URL is a problem here.
    alertWebhookNames: read.alertWebhookNames ?? new Set(),
    problems: read.problems,
    secretValues: read.secretValues,
  });
  const alertWebhookUrls = new pulumi.Config().getSecretObject<Record<string, string>>(ALERT_WEBHOOK_URLS_KEY);
  return deployMesh(config, { alertWebhookUrls, secretValues: read.secretValues });
}

export function deployMesh(config: StackConfig, secrets: StackSecrets): StackOutputs {
  // Every service's objects, built once: the services register them, the canary alerts watch the Canaries.
  const services = stackServices(config);
  const provider = connectToCluster("cluster", config.cluster);
  const withProvider = { providers: [provider] };

  const istio = new IstioControlPlane(
    "istio",
    { istio: config.istio, versions: config.versions, protectCrdChart: config.protectCrdCharts, secretValues: secrets.secretValues },
    withProvider,
  );
  const flagger = new Flagger(
    "flagger",
    {
      flagger: config.flagger,
      versions: config.versions,
      ...scrapedMesh(config.istio),
      loadtesterNamespace: loadtesterNamespaceSpec(config),
      protectCrdChart: config.protectCrdCharts,
      istioConfigReady: istio.configReady,
      istiods: istio.istiods,
      existingNamespace: istio.namespaces[config.flagger.namespace],
      alertWebhookUrls: secrets.alertWebhookUrls,
      secretValues: secrets.secretValues,
      canaryWatches: canaryWatches(services),
    },
    withProvider,
  );

  if (config.kiali.enabled) {
    new Kiali(
      "kiali",
      {
        kiali: config.kiali,
        versions: config.versions,
        istioNamespace: config.istio.namespace,
        istioNamespaceResource: istio.namespaces[config.istio.namespace],
        prometheusUrl: config.flagger.metricsServer,
        protectCrdChart: config.protectCrdCharts,
        secretValues: secrets.secretValues,
      },
      withProvider,
    );
  }

  const graph = callGraph(config);
  const namespaces = new Map<string, MeshNamespace>();
  for (const spec of serviceNamespaceSpecs(config, graph)) {
    namespaces.set(spec.name, new MeshNamespace(spec.name, { spec, istioConfigReady: istio.configReady }, withProvider));
  }

  // Earlier versions named service components `<namespace>-<name>`, where `shop`/`api-cart` and
  // `shop-api`/`cart` collide. "/" cannot appear in either name, so the new names cannot. The
  // alias keeps a deployed service's resources; it is left out where the old name was ambiguous,
  // since the engine refuses one alias on two resources (and such a stack could not deploy before).
  const legacyName = (service: ServiceConfig) => `${service.namespace}-${service.name}`;
  const legacyNameCount = new Map<string, number>();
  for (const service of config.services) {
    legacyNameCount.set(legacyName(service), (legacyNameCount.get(legacyName(service)) ?? 0) + 1);
  }
  for (const built of services) {
    const service = built.service;
    const name = `${service.namespace}/${service.name}`;
    const aliases = legacyNameCount.get(legacyName(service)) === 1 ? [{ name: legacyName(service) }] : [];
    const opts = { ...withProvider, aliases };
    // The schema guarantees every service names a listed mesh namespace.
    const namespace = namespaces.get(service.namespace)!;
    if (built.delivery === "progressive") {
      new CanariedService(
        name,
        {
          objects: built.objects,
          flaggerCrds: flagger.chart,
          istioConfigReady: istio.configReady,
          namespace,
          secretValues: secrets.secretValues,
        },
        opts,
      );
    } else {
      new RoutedService(
        name,
        {
          objects: built.objects,
          istioConfigReady: istio.configReady,
          namespace,
          gateways: built.service.expose ? [istio.gateways[built.service.expose.gateway]] : [],
          secretValues: secrets.secretValues,
        },
        opts,
      );
    }
  }

  return {
    versions: { ...config.versions },
    istioRevisions: revisionAssignments(config).map(({ revision, consumers }) => ({
      name: revision.name,
      version: revision.version,
      tags: [...revision.tags],
      namespaces: consumers.map((c) => c.namespace),
    })),
    istioNamespace: config.istio.namespace,
    flaggerNamespace: config.flagger.namespace,
    loadtesterUrl: loadtesterUrl(config.flagger.loadtesterNamespace),
    ingressGateway: config.istio.ingressGateway.enabled,
    ...(config.istio.ingressGateway.enabled
      ? {
          ingress: {
            namespace: config.istio.ingressGateway.namespace,
            service: INGRESS_GATEWAY_RELEASE,
            routes: ingressRoutes(config),
          },
        }
      : {}),
    meshNamespaces: config.namespaces.map((ns) => ns.name),
    services: config.services.map(serviceOutput),
    ...(config.kiali.enabled
      ? { kiali: { namespace: config.istio.namespace, service: KIALI_NAME, port: KIALI_PORT, path: KIALI_WEB_ROOT } }
      : {}),
  };
}
