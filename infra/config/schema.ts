/**
 * The shape of the stack configuration: every key a `Pulumi.<stack>.yaml` may hold, its type,
 * its default and the checks on its own value, and the types the rest of the project reads.
 * The rules that span several keys are in stackRules.ts; stackConfig.ts puts the two together.
 * Nothing here touches Pulumi, so the program, the offline tools and the tests all validate config
 * the same way and get the same messages.
 */
import { z } from "zod";
import { PINNED_VERSIONS } from "./versions";
import { ISTIO_CHART_REPOSITORY, ISTIO_IMAGE_HUB, retiredHomeAdvice, retiredHomeOf } from "../../policies/vocabulary/istioHomes";
import { DEFAULT_REVISION } from "./istioRevisions";
import { PROGRESS_DEADLINE_SECONDS } from "../../policies/vocabulary/progressDeadline";
import { INGRESS_GATEWAY_NAMESPACE } from "../../policies/vocabulary/ingressGateway";
import { CANARY_STRATEGIES } from "../../policies/vocabulary/canaryStrategies";
import { SAFE_CANARY_CHECKS } from "../../policies/vocabulary/canaryChecks";
import { FLAGGER_NAME_SUFFIXES } from "../../policies/vocabulary/flaggerNames";
import {
  cookieName,
  cpuQuantity,
  ipAddressOrCidr,
  dnsLabel,
  dnsName,
  dnsSubdomain,
  gatewayHost,
  pathPrefix,
  serviceRef,
  flaggerDuration,
  headerName,
  collectorAddress,
  httpStatus,
  int32,
  istioDuration,
  labels,
  memoryQuantity,
  percent,
  prometheusLabels,
  port,
  positiveInt32,
  re2Regex,
  retryOn,
  serviceName,
  wholePercent,
} from "./kubernetesValues";

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

const resources = z.strictObject({
  requests: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }),
  limits: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }),
});

/** The request header that selects the canary, by default, for static routing and header tests alike. */
const CANARY_HEADER = { name: "x-canary", value: "true" } as const;

// ---------------------------------------------------------------------------------------------
// Cluster connection
// ---------------------------------------------------------------------------------------------

const eksCluster = z.strictObject({
  kind: z.literal("eks"),
  /** The EKS cluster name, looked up with the AWS provider. */
  name: z
    .string()
    .regex(
      /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
      "must be an EKS cluster name: letters, digits, '-' and '_', starting with a letter or digit, at most 100 characters",
    ),
  /** AWS region of the cluster; also passed to `aws eks get-token`. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, "must be an AWS region such as eu-west-1"),
  /** Optional IAM role for `aws eks get-token --role-arn`. */
  roleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/deployer")
    .optional(),
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
    kiali: exactVersion.default(PINNED_VERSIONS.kiali),
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

/** An Istio Gateway: HTTPS for its hosts with the given certificate, and HTTP redirected to HTTPS. */
const istioGateway = z.strictObject({
  /** Its name, in the ingress gateway's namespace; services name it under `expose.gateway`. */
  name: dnsLabel,
  /** The hosts it serves (a wildcard such as `*.example.com` covers its subdomains). */
  hosts: z.array(gatewayHost).min(1),
  /** The TLS Secret (`kubectl create secret tls`) in the ingress gateway's namespace. */
  credentialName: dnsSubdomain,
});

const ingressGateway = z
  .strictObject({
    enabled: z.boolean().default(false),
    namespace: dnsLabel.default(INGRESS_GATEWAY_NAMESPACE),
    /** The tag or revision whose istiod injects the gateway's proxy; istio.defaultRevision when omitted. */
    revision: dnsLabel.optional(),
    /** internet-facing or internal NLB (the AWS Load Balancer Controller defaults to internal). */
    scheme: z.enum(["internet-facing", "internal"]).default("internet-facing"),
    minReplicas: positiveInt32.default(2),
    maxReplicas: positiveInt32.default(5),
    /** Istio Gateways on this ingress gateway: services expose themselves through them by name. */
    gateways: z.array(istioGateway).default([]),
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
    istiodMinReplicas: positiveInt32.default(2),
    istiodMaxReplicas: positiveInt32.default(5),
    outboundTrafficPolicy: z.enum(["ALLOW_ANY", "REGISTRY_ONLY"]).default("ALLOW_ANY"),
    /** Envoy access logs of every proxy to stdout, through the Telemetry API. */
    accessLogs: z.boolean().default(true),
    /** Traces to an OpenTelemetry collector, through the Telemetry API. @default none */
    tracing: z
      .strictObject({
        /** The collector's OTLP/gRPC address: `<Service>.<namespace>.svc.cluster.local:<port>`, or `<namespace>/<host>:<port>` for a ServiceEntry's host. */
        collector: collectorAddress,
        /** Percent of requests traced. */
        samplingPercent: percent.default(1),
      })
      .optional(),
    proxyResources: resources.default({
      requests: { cpu: "100m", memory: "128Mi" },
      limits: { cpu: "1", memory: "512Mi" },
    }),
    ingressGateway,
  })
  .prefault({});

/** Where Flagger sends a canary's events (https://docs.flagger.app/usage/alerting); its URL is a secret. */
export const ALERT_PROVIDER_TYPES = ["slack", "msteams", "discord", "rocket", "gchat"] as const;
/** The provider types that post to a named channel as a named user. */
export const CHANNEL_PROVIDER_TYPES: readonly string[] = ["slack", "discord", "rocket"];

const alertProvider = z.strictObject({
  /** How alerts name it; its webhook URL is the secret `alertWebhookUrls.<name>`. */
  name: dnsLabel,
  type: z.enum(ALERT_PROVIDER_TYPES),
  /** slack, discord, rocket: the channel to post to. @default the webhook's own */
  channel: z.string().min(1).optional(),
  /** slack, discord, rocket: the name posts appear under. @default the webhook's own */
  username: z.string().min(1).optional(),
});

/** One alert every canary sends: events of at least this severity go to this provider. */
const alertRoute = z.strictObject({
  provider: dnsLabel,
  severity: z.enum(["info", "warn", "error"]),
});

const prometheusOperator = z.strictObject({
  /** Namespace for the monitors (sidecars, istiod, Flagger) and the canary alert rule. */
  namespace: dnsLabel.default("monitoring"),
  /** Labels the Prometheus resource selects monitors and rules by, e.g. `release: kube-prometheus-stack`. */
  labels: labels.default({}),
  /** Labels every canary alert carries besides `severity`, for Alertmanager's routes (e.g. `team: platform`). */
  alertLabels: prometheusLabels
    .superRefine((value, ctx) => {
      if ("severity" in value) {
        ctx.addIssue({ code: "custom", path: ["severity"], input: value.severity, message: "is set by each alert (critical or warning)" });
      }
    })
    .default({}),
});

const flagger = z.strictObject({
  namespace: dnsLabel.default("istio-system"),
  /** Prometheus that holds the Istio metrics; every canary analysis queries it. */
  metricsServer: z.url({ protocol: /^https?$/, error: "must be an http(s) URL of the Prometheus server" }),
  replicas: positiveInt32.default(2),
  loadtesterNamespace: dnsLabel.default("flagger-loadtester"),
  /** The tag or revision the load tester's namespace selects; istio.defaultRevision when omitted. */
  loadtesterRevision: dnsLabel.optional(),
  loadtesterReplicas: positiveInt32.default(2),
  /** Where canary events can go: Slack, Microsoft Teams, Discord, Rocket.Chat or Google Chat webhooks. */
  alertProviders: z.array(alertProvider).default([]),
  /** What every canary sends where, by severity (e.g. info to a team channel, error to on-call). */
  alerts: z.array(alertRoute).default([]),
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

/** Envoy's retry conditions when a service sets attempts but not retryOn. */
const DEFAULT_RETRY_ON = "gateway-error,connect-failure,refused-stream";

const retries = z
  .strictObject({
    /** 0 turns retries off (Istio's default is 2); then nothing else may be set. */
    attempts: int32.min(0).max(10),
    perTryTimeout: istioDuration.optional(),
    retryOn: retryOn.optional(),
  })
  .superRefine((config, ctx) => {
    if (config.attempts > 0) {
      return;
    }
    for (const key of ["perTryTimeout", "retryOn"] as const) {
      if (config[key] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          input: config[key],
          message: "cannot be set when attempts is 0: Istio refuses a retry policy whose retries are turned off",
        });
      }
    }
  })
  .transform((config) => (config.attempts > 0 && config.retryOn === undefined ? { ...config, retryOn: DEFAULT_RETRY_ON } : config));

const outlierDetection = z.strictObject({
  consecutive5xxErrors: positiveInt32,
  interval: istioDuration,
  baseEjectionTime: istioDuration,
  maxEjectionPercent: wholePercent,
});

const httpPool = z.strictObject({
  http1MaxPendingRequests: positiveInt32.optional(),
  http2MaxRequests: positiveInt32.optional(),
  maxRequestsPerConnection: positiveInt32.optional(),
  maxRetries: int32.min(0).optional(),
  idleTimeout: istioDuration.optional(),
});

const tcpPool = z.strictObject({
  maxConnections: positiveInt32.optional(),
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

/** Flagger's own metrics, which every Canary here already checks; a custom metric needs another name. */
export const BUILT_IN_METRICS = ["request-success-rate", "request-duration"] as const;

const customMetric = z
  .strictObject({
    name: dnsLabel.refine((name) => !(BUILT_IN_METRICS as readonly string[]).includes(name), {
      message: `is one of Flagger's built-in metrics (${BUILT_IN_METRICS.join(", ")}), which every canary already checks; pick another name`,
    }),
    /** PromQL; Flagger substitutes {{ namespace }}, {{ target }} and {{ interval }}. */
    query: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
    interval: flaggerDuration.optional(),
  })
  .superRefine((metric, ctx) => {
    if (metric.min === undefined && metric.max === undefined) {
      ctx.addIssue({ code: "custom", path: ["min"], input: undefined, message: "needs min, max or both" });
    } else if (metric.min !== undefined && metric.max !== undefined && metric.min > metric.max) {
      ctx.addIssue({
        code: "custom",
        path: ["min"],
        input: metric.min,
        message: `is above max (${metric.max}): no value can pass, so every analysis would fail`,
      });
    }
  });

/** Which requests an A/B test sends to the canary: a header, a cookie, or either. */
const abMatch = z
  .strictObject({
    header: z
      .strictObject({ name: headerName.default(CANARY_HEADER.name), value: z.string().min(1).default(CANARY_HEADER.value) })
      .optional(),
    /** An RE2 regular expression on the Cookie header, such as `^(.*?;)?(canary=always)(;.*)?$`. */
    cookie: re2Regex.optional(),
  })
  .refine((match) => match.header !== undefined || match.cookie !== undefined, "needs a header, a cookie or both");

/** The cookie that keeps a user on the version it first got, unless the stack names another. */
export const SESSION_AFFINITY_DEFAULTS = { cookieName: "flagger-cookie", maxAge: 86400 } as const;

const sessionAffinity = z.strictObject({
  cookieName: cookieName.default(SESSION_AFFINITY_DEFAULTS.cookieName),
  /** Seconds the cookie lives. @default a day */
  maxAge: positiveInt32.default(SESSION_AFFINITY_DEFAULTS.maxAge),
});

/** A weight step: Flagger reads weights as whole numbers; weightStepProblems requires each above 0. */
const weightStep = wholePercent;

const canaryAnalysis = z.strictObject({
  interval: flaggerDuration,
  threshold: positiveInt32,
  strategy: z.enum(CANARY_STRATEGIES).default("weighted"),
  /** weighted, sessionAffinity */
  maxWeight: wholePercent.optional(),
  stepWeight: weightStep.optional(),
  stepWeights: z.array(weightStep).min(1).optional(),
  /** blueGreen, abTest, mirroring: checks before promotion. */
  iterations: positiveInt32.optional(),
  /** abTest */
  match: abMatch.optional(),
  /** mirroring: the share of live traffic copied to the canary. @default all of it */
  mirrorWeight: wholePercent.min(1).optional(),
  /** sessionAffinity @default cookie flagger-cookie for a day */
  sessionAffinity: sessionAffinity.optional(),
  successRateMin: percent.default(SAFE_CANARY_CHECKS.successRateMin),
  latencyP99MaxMs: z.number().positive().default(SAFE_CANARY_CHECKS.latencyP99MaxMs),
  smokeTest: webhookCommand.optional(),
  loadTest: webhookCommand.optional(),
  metrics: z.array(customMetric).default([]),
  /** Send the alerts `flagger.alerts` lists for this canary. */
  alerts: z.boolean().default(true),
  /** Scale the Deployment back up when the Canary is deleted (without it, it stays at zero replicas). */
  revertOnDeletion: z.boolean().default(true),
  /** How long a canary Deployment may take to make progress before Flagger rolls it back. */
  progressDeadlineSeconds: positiveInt32
    .max(
      PROGRESS_DEADLINE_SECONDS.max,
      `must be at most ${PROGRESS_DEADLINE_SECONDS.max}: an analysis stuck longer is rolled back too late`,
    )
    .default(PROGRESS_DEADLINE_SECONDS.default),
});

/** An `autoscaling/v2` HPA for a progressive service's Deployment; Flagger scales the primary alike. */
const autoscaler = z.strictObject({
  minReplicas: positiveInt32,
  maxReplicas: positiveInt32,
  /** Average CPU use, percent of the pods' requests, that the HPA keeps them at. */
  cpuUtilization: positiveInt32.default(80),
});

/** Whom a service calls: mesh services (`name` or `namespace/name`) and external APIs by name. */
const calls = z
  .strictObject({
    services: z.array(serviceRef).default([]),
    apis: z.array(dnsLabel).default([]),
  })
  .prefault({});

/** A service reachable from outside through one of the ingress gateway's Gateways. */
const exposure = z.strictObject({
  /** The Gateway's name, one of `istio.ingressGateway.gateways`. */
  gateway: dnsLabel,
  /** Public hosts, each served by that Gateway. */
  hosts: z.array(dnsName).min(1),
  /** Only requests under this path reach the service. */
  pathPrefix: pathPrefix.default("/"),
});

/** A local rate limit in each pod's sidecar: a token bucket of `burst` tokens, `requests` added every `per`. */
const rateLimit = z.strictObject({
  requests: positiveInt32,
  per: istioDuration.default("1s"),
  /** The bucket's size: requests a burst may use at once. @default requests */
  burst: positiveInt32.optional(),
});

const serviceBase = {
  namespace: dnsLabel,
  port,
  timeout: istioDuration.optional(),
  retries: retries.optional(),
  trafficPolicy,
  /** The ServiceAccount its pods run as: callers are allowed by it (`cluster.local/ns/<ns>/sa/<it>`). @default the service name */
  serviceAccount: dnsSubdomain
    .refine((name) => name !== "default", {
      message: "is the namespace's shared identity, which every pod without a serviceAccountName runs as; give the service one of its own",
    })
    .optional(),
  /**
   * Whether the stack creates that ServiceAccount in the service's namespace. `false` when the
   * team's own manifests bring it (a Helm chart's `serviceAccount.create`, say): the stack then
   * only names it, and `check --workloads` looks for it among the team's manifests.
   */
  createServiceAccount: z.boolean().default(true),
  /** The pods' port behind `port`, which authorization policies name. @default port */
  targetPort: port.optional(),
  calls,
  expose: exposure.optional(),
  rateLimit: rateLimit.optional(),
};

const LONGEST_FLAGGER_SUFFIX = Math.max(...FLAGGER_NAME_SUFFIXES.map((suffix) => suffix.length));

const progressiveService = z.strictObject({
  name: serviceName.max(
    63 - LONGEST_FLAGGER_SUFFIX,
    `must be at most ${63 - LONGEST_FLAGGER_SUFFIX} characters: Flagger names its Services <name>-primary and <name>-canary, and a Service name has at most 63`,
  ),
  ...serviceBase,
  delivery: z.literal("progressive"),
  canary: canaryAnalysis,
  /** An HPA for the Deployment, which the Canary points Flagger at. @default none: the Deployment's own replicas */
  autoscaler: autoscaler.optional(),
});

const faultInjection = z
  .strictObject({
    delay: z.strictObject({ percentage: percent, fixedDelay: istioDuration }).optional(),
    abort: z.strictObject({ percentage: percent, httpStatus }).optional(),
  })
  .refine((fault) => fault.delay !== undefined || fault.abort !== undefined, "needs a delay, an abort or both");

const staticService = z
  .strictObject({
    name: serviceName,
    ...serviceBase,
    delivery: z.literal("static"),
    /** Weighted split between the stable and canary subsets; must total 100. */
    split: z.strictObject({ stable: wholePercent, canary: wholePercent }).default({ stable: 100, canary: 0 }),
    /** Requests with this header go to the canary subset whatever the split says. */
    canaryHeader: z
      .strictObject({ name: headerName.default(CANARY_HEADER.name), value: z.string().min(1).default(CANARY_HEADER.value) })
      .prefault({}),
    /** Pod labels that select each subset. */
    subsets: z.strictObject({ stable: labels.default({ version: "stable" }), canary: labels.default({ version: "canary" }) }).prefault({}),
    faultInjection: faultInjection.optional(),
  })
  .superRefine((svc, ctx) => {
    const { stable, canary } = svc.subsets;
    if (Object.keys(canary).length === 0 || Object.keys(stable).length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["subsets", Object.keys(stable).length === 0 ? "stable" : "canary"],
        input: {},
        message: "must select pods by at least one label: an empty selector takes every pod of the service",
      });
    } else if (JSON.stringify(Object.entries(stable).sort()) === JSON.stringify(Object.entries(canary).sort())) {
      ctx.addIssue({
        code: "custom",
        path: ["subsets", "canary"],
        input: canary,
        message: "selects the same pods as subsets.stable, so the split and the canary header change nothing",
      });
    }
  });

const service = z.discriminatedUnion("delivery", [progressiveService, staticService], {
  error: "must name a delivery mode: progressive or static",
});

// ---------------------------------------------------------------------------------------------
// The whole stack, with the rules that span several keys
// ---------------------------------------------------------------------------------------------

/** The protocols a ServiceEntry port of an external API may declare. */
export const EXTERNAL_API_PROTOCOLS = ["HTTPS", "TLS", "HTTP", "HTTP2", "GRPC", "TCP"] as const;

/** An API outside the cluster that services may call; with REGISTRY_ONLY, the only way out. */
const externalApi = z.strictObject({
  /** How services name it under `calls.apis`. */
  name: dnsLabel,
  hosts: z.array(dnsName).min(1),
  ports: z.array(z.strictObject({ number: port, protocol: z.enum(EXTERNAL_API_PROTOCOLS) })).min(1),
  /**
   * Its IP addresses or CIDR blocks. A TCP port needs them: the sidecar tells TCP connections apart
   * by destination address only, and without one claims the port for every destination. @default none
   */
  addresses: z.array(ipAddressOrCidr).min(1).optional(),
});

/** Kiali, the mesh's console: topology, traffic and config validation, from the stack's Prometheus. */
const kiali = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** The Kiali operator's namespace (outside the mesh); Kiali itself runs in istio.namespace. */
    operatorNamespace: dnsLabel.default("kiali-operator"),
    /** How people log in; never anonymous. */
    auth: z
      .discriminatedUnion(
        "strategy",
        [
          /** A Kubernetes bearer token (on EKS, `aws eks get-token`): what Kiali shows follows the token's RBAC. */
          z.strictObject({ strategy: z.literal("token") }),
          /** An OpenID Connect provider the cluster's API server also trusts (an EKS OIDC identity provider). */
          z.strictObject({
            strategy: z.literal("openid"),
            issuerUri: z.url({ protocol: /^https$/, error: "must be the https URL of the OpenID issuer" }),
            clientId: z.string().min(1),
            /** The token claim that names the user. @default Kiali's: sub */
            usernameClaim: z.string().min(1).optional(),
          }),
        ],
        { error: "must name a login strategy: token or openid (Kiali's anonymous access is not offered)" },
      )
      .default({ strategy: "token" }),
    /** Nobody can change the mesh from Kiali; the stack is the only way to change it. */
    viewOnly: z.boolean().default(true),
  })
  .prefault({});

export const stackShape = z.strictObject({
  cluster,
  versions,
  /** Keep the charts that ship CRDs from being deleted by `pulumi destroy` or a replacement. */
  protectCrdCharts: z.boolean().default(true),
  istio,
  flagger,
  kiali,
  namespaces: z.array(meshNamespace).min(1),
  services: z.array(service).default([]),
  externalApis: z.array(externalApi).default([]),
});

/** The project's config keys (`cluster`, `istio`, …), without the `mesh-platform:` prefix. */
export const STACK_CONFIG_KEYS: readonly string[] = Object.keys(stackShape.shape);

export type StackConfig = z.output<typeof stackShape>;
export type ClusterConfig = StackConfig["cluster"];
export type IstioConfig = StackConfig["istio"];
export type FlaggerConfig = StackConfig["flagger"];
export type MeshNamespaceConfig = StackConfig["namespaces"][number];
export type ServiceConfig = StackConfig["services"][number];
export type ProgressiveServiceConfig = Extract<ServiceConfig, { delivery: "progressive" }>;
export type StaticServiceConfig = Extract<ServiceConfig, { delivery: "static" }>;

/** The ServiceAccount a service's pods run as: `serviceAccount`, by default the service's name. */
export const serviceAccountOf = (service: Pick<ServiceConfig, "name" | "serviceAccount">): string => service.serviceAccount ?? service.name;
export type TrafficPolicyConfig = ServiceConfig["trafficPolicy"];
export type VersionsConfig = StackConfig["versions"];
export type ExternalApiConfig = StackConfig["externalApis"][number];
export type IstioGatewayConfig = IstioConfig["ingressGateway"]["gateways"][number];
export type AlertProviderConfig = FlaggerConfig["alertProviders"][number];
export type AlertRouteConfig = FlaggerConfig["alerts"][number];
export type KialiConfig = StackConfig["kiali"];
