/**
 * The stack configuration schema: everything a `Pulumi.<stack>.yaml` may say, parsed once into
 * typed, validated values. Nothing here touches Pulumi, so the program, the offline tools and the
 * tests all validate config the same way and get the same messages.
 */
import { z } from "zod";
import { PINNED_VERSIONS } from "./versions";
import { ISTIO_CHART_REPOSITORY, ISTIO_IMAGE_HUB, retiredHomeAdvice, retiredHomeOf } from "../../policies/vocabulary/istioHomes";
import { weightStepProblems } from "../../policies/vocabulary/canaryWeights";
import { compareVersions, DEFAULT_REVISION, revisionServing } from "./istioRevisions";

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a DNS label (lower case letters, digits and '-', at most 63 characters)");

/** Istio durations: a number with a unit. `"30"` is rejected by the API server, so it is rejected here. */
const istioDuration = z.string().regex(/^[0-9]+(\.[0-9]+)?(ms|s|m|h)$/, "must be a duration with a unit, such as 30s or 1m");

/** Flagger's Canary CRD only accepts seconds or minutes (`^[0-9]+(m|s)`). */
const flaggerDuration = z.string().regex(/^[0-9]+(s|m)$/, "must be a duration in seconds or minutes, such as 30s or 1m");

const exactVersion = z.string().regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, "must be an exact version such as 1.30.3 (ranges are not allowed)");

/** A chart repository or image hub that is not one of Istio's retired homes. */
function notRetired<T extends z.ZodString>(schema: T) {
  return schema.superRefine((value, ctx) => {
    const retired = retiredHomeOf(value);
    if (retired) {
      ctx.addIssue({ code: "custom", input: value, message: retiredHomeAdvice(retired) });
    }
  });
}

/** Helm fetches charts over HTTPS or from an OCI registry; anything else would fail at `pulumi up`. */
const chartRepository = notRetired(
  z.string().regex(/^(https:\/\/|oci:\/\/)[^\s]+[^\s/]$/, "must be an https:// or oci:// chart repository URL without a trailing slash"),
);

/** An image registry path such as docker.io/istio or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/istio. */
const imageHub = notRetired(
  z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$/,
      "must be an image registry path such as docker.io/istio, without a scheme or tag",
    ),
);

const percent = z.number().min(0).max(100);
const positiveInt = z.number().int().min(1);
const port = z.number().int().min(1).max(65535);
const quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G)?$/, "must be a Kubernetes quantity such as 100m or 128Mi");

const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  limits: z.strictObject({ cpu: quantity, memory: quantity }),
});

const labels = z.record(z.string(), z.string());

/** The request header that selects the canary, by default, for static routing and header tests alike. */
const CANARY_HEADER = { name: "x-canary", value: "true" } as const;

// ---------------------------------------------------------------------------------------------
// Cluster connection
// ---------------------------------------------------------------------------------------------

const eksCluster = z.strictObject({
  kind: z.literal("eks"),
  /** The EKS cluster name, looked up with the AWS provider. */
  name: z.string().min(1),
  /** AWS region of the cluster; also passed to `aws eks get-token`. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, "must be an AWS region such as eu-west-1"),
  /** Optional IAM role for `aws eks get-token --role-arn`. */
  roleArn: z.string().startsWith("arn:").optional(),
  /** Optional AWS CLI profile for `aws eks get-token`. */
  profile: z.string().min(1).optional(),
  /** When set, ingress rules open istiod's webhook (15017) and xDS (15012) ports on this group. */
  nodeSecurityGroupId: z
    .string()
    .regex(/^sg-[0-9a-f]+$/, "must be a security group id such as sg-0123abcd")
    .optional(),
});

const kubeconfigCluster = z.strictObject({
  kind: z.literal("kubeconfig"),
  /** Path to a kubeconfig file; the provider's default lookup when omitted. */
  path: z.string().min(1).optional(),
  /** The kubeconfig context to use; the current context when omitted. */
  context: z.string().min(1).optional(),
});

const cluster = z.discriminatedUnion("kind", [eksCluster, kubeconfigCluster]);

// ---------------------------------------------------------------------------------------------
// Istio and Flagger installation
// ---------------------------------------------------------------------------------------------

const versions = z
  .strictObject({
    istio: exactVersion.default(PINNED_VERSIONS.istio),
    flagger: exactVersion.default(PINNED_VERSIONS.flagger),
    loadtester: exactVersion.default(PINNED_VERSIONS.loadtester),
  })
  .prefault({});

/**
 * A revision name becomes the Service `istiod-<revision>` and a label value, so it is a DNS label
 * of at most 56 characters. `default` names the control plane installed without a revision.
 */
const revisionName = dnsLabel.max(56, "must be at most 56 characters: istiod's Service is named istiod-<revision>");

/**
 * A tag becomes the Service `istiod-revision-tag-<tag>`, so at most 43 characters. Istio gives the
 * tag `default` a meaning of its own (it takes over `istio-injection=enabled` and validation).
 */
const tagName = dnsLabel
  .max(43, "must be at most 43 characters: its Service is named istiod-revision-tag-<tag>")
  .refine((tag) => tag !== DEFAULT_REVISION, "is reserved by Istio for the default revision; pick another tag name");

/** One istiod of a control-plane canary upgrade. */
const istioRevision = z.strictObject({
  name: revisionName,
  /** This istiod's exact Istio version; never newer than the `base` chart (versions.istio). */
  version: exactVersion,
  /** Revision tags this istiod serves; namespaces select a tag so that moving it moves them all. */
  tags: z.array(tagName).default([]),
});

const ingressGateway = z
  .strictObject({
    enabled: z.boolean().default(false),
    namespace: dnsLabel.default("istio-ingress"),
    /** The tag or revision whose istiod injects the gateway's proxy; istio.defaultRevision when omitted. */
    revision: dnsLabel.optional(),
    /** internet-facing or internal NLB (the AWS Load Balancer Controller defaults to internal). */
    scheme: z.enum(["internet-facing", "internal"]).default("internet-facing"),
    minReplicas: positiveInt.default(2),
    maxReplicas: positiveInt.default(5),
  })
  .prefault({});

const istio = z
  .strictObject({
    namespace: dnsLabel.default("istio-system"),
    /** Where the base, istiod and gateway charts come from. */
    chartRepository: chartRepository.default(ISTIO_CHART_REPOSITORY),
    /** Where istiod and the proxies pull their images from (the charts' `hub` and `global.hub`). */
    hub: imageHub.default(ISTIO_IMAGE_HUB),
    /** istiod revisions side by side, for canary upgrades of the control plane; one unrevisioned istiod when omitted. */
    revisions: z.array(istioRevision).min(1).optional(),
    /**
     * With revisions: the tag or revision that namespaces, the load tester and the gateway select
     * unless they name their own, and whose istiod validates Istio config (`base.defaultRevision`).
     */
    defaultRevision: dnsLabel.optional(),
    /** istiod's minimum replicas; 2 or more makes the chart render a PodDisruptionBudget. */
    istiodMinReplicas: positiveInt.default(2),
    istiodMaxReplicas: positiveInt.default(5),
    outboundTrafficPolicy: z.enum(["ALLOW_ANY", "REGISTRY_ONLY"]).default("ALLOW_ANY"),
    accessLogs: z.boolean().default(true),
    proxyResources: resources.default({
      requests: { cpu: "100m", memory: "128Mi" },
      limits: { cpu: "1", memory: "512Mi" },
    }),
    ingressGateway,
  })
  .prefault({});

const slack = z.strictObject({
  channel: z.string().min(1),
  user: z.string().min(1).default("flagger"),
});

const prometheusOperator = z.strictObject({
  /** Namespace for the PodMonitor (sidecars) and ServiceMonitor (istiod). */
  namespace: dnsLabel.default("monitoring"),
  /** Labels the Prometheus resource selects monitors by, e.g. `release: kube-prometheus-stack`. */
  labels: labels.default({}),
});

const flagger = z.strictObject({
  namespace: dnsLabel.default("istio-system"),
  /** Prometheus that holds the Istio metrics; every canary analysis queries it. */
  metricsServer: z.url({ protocol: /^https?$/, error: "must be an http(s) URL of the Prometheus server" }),
  replicas: positiveInt.default(2),
  loadtesterNamespace: dnsLabel.default("flagger-loadtester"),
  /** The tag or revision the load tester's namespace selects; istio.defaultRevision when omitted. */
  loadtesterRevision: dnsLabel.optional(),
  loadtesterReplicas: positiveInt.default(2),
  /** Slack alerts for every canary; the webhook URL is the secret config key `slackWebhookUrl`. */
  slack: slack.optional(),
  /** Present when the cluster runs the Prometheus Operator: adds the monitors Istio metrics need. */
  prometheusOperator: prometheusOperator.optional(),
});

const meshNamespace = z.strictObject({
  name: dnsLabel,
  labels: labels.default({}),
  /** The tag or revision whose istiod injects this namespace's proxies; istio.defaultRevision when omitted. */
  revision: dnsLabel.optional(),
});

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------

const retries = z.strictObject({
  attempts: z.number().int().min(0).max(10),
  perTryTimeout: istioDuration,
  retryOn: z.string().min(1).default("gateway-error,connect-failure,refused-stream"),
});

const outlierDetection = z.strictObject({
  consecutive5xxErrors: positiveInt,
  interval: istioDuration,
  baseEjectionTime: istioDuration,
  maxEjectionPercent: percent,
});

const httpPool = z.strictObject({
  http1MaxPendingRequests: positiveInt.optional(),
  http2MaxRequests: positiveInt.optional(),
  maxRequestsPerConnection: positiveInt.optional(),
  maxRetries: z.number().int().min(0).optional(),
  idleTimeout: istioDuration.optional(),
});

const tcpPool = z.strictObject({
  maxConnections: positiveInt.optional(),
  connectTimeout: istioDuration.optional(),
});

const trafficPolicy = z
  .strictObject({
    loadBalancer: z.enum(["ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH"]).optional(),
    connectionPool: z.strictObject({ http: httpPool.optional(), tcp: tcpPool.optional() }).optional(),
    outlierDetection: outlierDetection.optional(),
  })
  .prefault({});

const webhookCommand = z.strictObject({
  /** Shell command the load tester runs (`hey`, `curl`, …). */
  command: z.string().min(1),
  timeout: flaggerDuration.default("60s"),
});

const customMetric = z
  .strictObject({
    name: dnsLabel,
    /** PromQL; Flagger substitutes {{ namespace }}, {{ target }} and {{ interval }}. */
    query: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
    interval: flaggerDuration.optional(),
  })
  .refine((m) => m.min !== undefined || m.max !== undefined, { message: "needs min, max or both", path: ["min"] });

const headerTest = z.strictObject({
  /** Number of analysis runs with header-matched traffic before promotion. */
  iterations: positiveInt,
  header: z.string().min(1).default(CANARY_HEADER.name),
  value: z.string().min(1).default(CANARY_HEADER.value),
});

const canaryAnalysis = z.strictObject({
  interval: flaggerDuration,
  threshold: positiveInt,
  maxWeight: percent.optional(),
  stepWeight: z.number().min(1).max(100).optional(),
  stepWeights: z.array(z.number().min(1).max(100)).min(1).optional(),
  /** Header-based A/B testing instead of a weighted rollout. */
  headerTest: headerTest.optional(),
  successRateMin: percent.default(99),
  latencyP99MaxMs: z.number().positive().default(500),
  smokeTest: webhookCommand.optional(),
  loadTest: webhookCommand.optional(),
  metrics: z.array(customMetric).default([]),
  /** Send Slack alerts for this canary; needs `flagger.slack`. */
  alerts: z.boolean().default(true),
});

const serviceBase = {
  name: dnsLabel,
  namespace: dnsLabel,
  port,
  timeout: istioDuration.optional(),
  retries: retries.optional(),
  trafficPolicy,
};

const progressiveService = z.strictObject({
  ...serviceBase,
  delivery: z.literal("progressive"),
  canary: canaryAnalysis,
});

const faultInjection = z.strictObject({
  delay: z.strictObject({ percentage: percent, fixedDelay: istioDuration }).optional(),
  abort: z.strictObject({ percentage: percent, httpStatus: z.number().int().min(200).max(599) }).optional(),
});

const staticService = z.strictObject({
  ...serviceBase,
  delivery: z.literal("static"),
  /** Weighted split between the stable and canary subsets; must total 100. */
  split: z.strictObject({ stable: percent, canary: percent }).default({ stable: 100, canary: 0 }),
  /** Requests with this header go to the canary subset whatever the split says. */
  canaryHeader: z
    .strictObject({ name: z.string().min(1).default(CANARY_HEADER.name), value: z.string().min(1).default(CANARY_HEADER.value) })
    .prefault({}),
  /** Pod labels that select each subset. */
  subsets: z.strictObject({ stable: labels.default({ version: "stable" }), canary: labels.default({ version: "canary" }) }).prefault({}),
  faultInjection: faultInjection.optional(),
});

const service = z.discriminatedUnion("delivery", [progressiveService, staticService], {
  error: "must name a delivery mode: progressive or static",
});

// ---------------------------------------------------------------------------------------------
// The whole stack, with the rules that span several keys
// ---------------------------------------------------------------------------------------------

const stackShape = z.strictObject({
  cluster,
  versions,
  /** Keep the charts that ship CRDs from being deleted by `pulumi destroy` or a replacement. */
  protectCrdCharts: z.boolean().default(true),
  istio,
  flagger,
  namespaces: z.array(meshNamespace).min(1),
  services: z.array(service).default([]),
});

export const stackConfigSchema = stackShape.superRefine((stack, ctx) => {
  checkRevisions(stack, ctx);
  const meshNamespaces = new Set(stack.namespaces.map((ns) => ns.name));
  const reserved = new Set([stack.istio.namespace, stack.flagger.namespace, stack.flagger.loadtesterNamespace]);
  stack.namespaces.forEach((ns, i) => {
    if (reserved.has(ns.name)) {
      ctx.addIssue({
        code: "custom",
        path: ["namespaces", i, "name"],
        input: ns.name,
        message: "is managed by the platform itself and cannot be a service namespace",
      });
    }
    for (const key of ["istio-injection", "istio.io/rev"]) {
      if (key in ns.labels) {
        ctx.addIssue({
          code: "custom",
          path: ["namespaces", i, "labels", key],
          input: ns.labels[key],
          message: "is set by the platform from istio.revisions and namespaces[].revision; remove it",
        });
      }
    }
  });
  const firstIndexByName = new Map<string, number>();
  stack.namespaces.forEach((ns, i) => {
    if (firstIndexByName.has(ns.name)) {
      ctx.addIssue({ code: "custom", path: ["namespaces", i, "name"], input: ns.name, message: "is listed twice" });
    }
    firstIndexByName.set(ns.name, i);
  });

  const seenServices = new Set<string>();
  stack.services.forEach((svc, i) => {
    const at = (...rest: (string | number)[]) => ["services", i, ...rest];
    if (!meshNamespaces.has(svc.namespace)) {
      ctx.addIssue({
        code: "custom",
        path: at("namespace"),
        input: svc.namespace,
        message: "is not one of the mesh namespaces listed under namespaces",
      });
    }
    const key = `${svc.namespace}/${svc.name}`;
    if (seenServices.has(key)) {
      ctx.addIssue({
        code: "custom",
        path: at("name"),
        input: svc.name,
        message: `duplicates another service in namespace ${svc.namespace}`,
      });
    }
    seenServices.add(key);
    if (svc.delivery === "progressive") {
      checkProgressive(svc, stack.flagger.slack !== undefined, at, ctx);
    } else {
      if (svc.split.stable + svc.split.canary !== 100) {
        ctx.addIssue({
          code: "custom",
          path: at("split"),
          input: `${svc.split.stable}+${svc.split.canary}`,
          message: "stable and canary weights must total 100",
        });
      }
    }
  });
});

type IssuePath = (...rest: (string | number)[]) => (string | number)[];

/**
 * The rules of a control-plane canary upgrade: tags point at one revision each, every selection
 * names a tag or revision that some istiod serves, and CRDs come from a `base` at least as new as
 * every istiod (Istio's CRDs are backward compatible, not forward).
 */
function checkRevisions(stack: z.output<typeof stackShape>, ctx: z.RefinementCtx): void {
  const istio = stack.istio;
  const selections: { path: (string | number)[]; selector: string | undefined }[] = [
    { path: ["istio", "defaultRevision"], selector: istio.defaultRevision },
    { path: ["istio", "ingressGateway", "revision"], selector: istio.ingressGateway.revision },
    { path: ["flagger", "loadtesterRevision"], selector: stack.flagger.loadtesterRevision },
    ...stack.namespaces.map((ns, i) => ({ path: ["namespaces", i, "revision"], selector: ns.revision })),
  ];
  const revisions = istio.revisions;
  if (!revisions) {
    for (const { path, selector } of selections.filter((s) => s.selector !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path,
        input: selector,
        message: "needs istio.revisions: without revisions one istiod serves every namespace labelled istio-injection=enabled",
      });
    }
    return;
  }

  const revisionIndex = new Map<string, number>();
  const tagOwner = new Map<string, string>();
  revisions.forEach((revision, i) => {
    if (revisionIndex.has(revision.name)) {
      ctx.addIssue({ code: "custom", path: ["istio", "revisions", i, "name"], input: revision.name, message: "is listed twice" });
    }
    revisionIndex.set(revision.name, i);
    if (compareVersions(revision.version, stack.versions.istio) > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["istio", "revisions", i, "version"],
        input: revision.version,
        message: `is newer than the base chart (versions.istio ${stack.versions.istio}): CRDs must come from the newest base, so raise versions.istio to at least this version`,
      });
    }
  });
  revisions.forEach((revision, i) => {
    revision.tags.forEach((tag, j) => {
      const path = ["istio", "revisions", i, "tags", j];
      const owner = tagOwner.get(tag);
      if (owner !== undefined) {
        const message = owner === revision.name ? "is listed twice" : `is already a tag of revision ${owner}: a tag points at one revision`;
        ctx.addIssue({ code: "custom", path, input: tag, message });
      } else if (revisionIndex.has(tag)) {
        ctx.addIssue({ code: "custom", path, input: tag, message: "is also a revision name; a tag needs a name of its own" });
      }
      tagOwner.set(tag, owner ?? revision.name);
    });
  });

  if (istio.defaultRevision === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["istio", "defaultRevision"],
      input: undefined,
      message: "is required with istio.revisions: name the tag or revision that namespaces select unless they name their own",
    });
  }
  const served = `tags: ${[...tagOwner.keys()].join(", ") || "none"}; revisions: ${[...revisionIndex.keys()].join(", ")}`;
  for (const { path, selector } of selections) {
    if (selector !== undefined && !revisionServing(revisions, selector)) {
      ctx.addIssue({ code: "custom", path, input: selector, message: `selects a tag or revision that no istiod serves (${served})` });
    }
  }
}

function checkProgressive(svc: z.output<typeof progressiveService>, slackConfigured: boolean, at: IssuePath, ctx: z.RefinementCtx): void {
  const canary = svc.canary;
  if (svc.trafficPolicy.connectionPool?.tcp) {
    ctx.addIssue({
      code: "custom",
      path: at("trafficPolicy", "connectionPool", "tcp"),
      input: "tcp",
      message: "Flagger's Canary only supports an HTTP connection pool; use delivery: static for a TCP pool",
    });
  }
  if (canary.alerts && !slackConfigured) {
    ctx.addIssue({
      code: "custom",
      path: at("canary", "alerts"),
      input: true,
      message: "needs flagger.slack to be configured (or set alerts: false)",
    });
  }
  if (canary.headerTest) {
    for (const key of ["maxWeight", "stepWeight", "stepWeights"] as const) {
      if (canary[key] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: at("canary", key),
          input: canary[key],
          message: "does not apply to a header test (canary.headerTest), which routes by header, not by weight",
        });
      }
    }
    return;
  }
  for (const problem of weightStepProblems(canary)) {
    ctx.addIssue({ code: "custom", path: at("canary", ...problem.path), input: problem.value, message: problem.message });
  }
}

export type StackConfig = z.output<typeof stackConfigSchema>;
export type ClusterConfig = StackConfig["cluster"];
export type IstioConfig = StackConfig["istio"];
export type FlaggerConfig = StackConfig["flagger"];
export type MeshNamespaceConfig = StackConfig["namespaces"][number];
export type ServiceConfig = StackConfig["services"][number];
export type ProgressiveServiceConfig = Extract<ServiceConfig, { delivery: "progressive" }>;
export type StaticServiceConfig = Extract<ServiceConfig, { delivery: "static" }>;
export type TrafficPolicyConfig = ServiceConfig["trafficPolicy"];
export type VersionsConfig = StackConfig["versions"];
