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
  requests: z
    .strictObject({
      cpu: cpuQuantity.describe("CPU, a Kubernetes quantity such as 100m."),
      memory: memoryQuantity.describe("Memory, a Kubernetes quantity such as 128Mi."),
    })
    .describe("What each proxy is scheduled with; at most its limits."),
  limits: z
    .strictObject({
      cpu: cpuQuantity.describe("CPU, a Kubernetes quantity such as 1."),
      memory: memoryQuantity.describe("Memory, a Kubernetes quantity such as 512Mi."),
    })
    .describe("The most each proxy may use."),
});

/** The request header that selects the canary, by default, for static routing and header tests alike. */
const CANARY_HEADER = { name: "x-canary", value: "true" } as const;

// ---------------------------------------------------------------------------------------------
// Cluster connection
// ---------------------------------------------------------------------------------------------

const eksCluster = z.strictObject({
  kind: z.literal("eks"),
  name: z
    .string()
    .regex(
      /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
      "must be an EKS cluster name: letters, digits, '-' and '_', starting with a letter or digit, at most 100 characters",
    )
    .describe("The EKS cluster name, looked up with the AWS provider."),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, "must be an AWS region such as eu-west-1")
    .describe("AWS region of the cluster; also passed to `aws eks get-token`."),
  roleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/deployer")
    .optional()
    .describe("Optional IAM role for `aws eks get-token --role-arn`."),
  profile: z.string().min(1).optional().describe("Optional AWS CLI profile for `aws eks get-token`."),
  nodeSecurityGroupId: z
    .string()
    .regex(/^sg-[0-9a-f]+$/, "must be a security group id such as sg-0123abcd")
    .optional()
    .describe("When set, ingress rules open istiod's webhook (15017) and xDS (15012) ports on this group."),
});

const kubeconfigCluster = z.strictObject({
  kind: z.literal("kubeconfig"),
  path: z.string().min(1).optional().describe("Path to a kubeconfig file; the provider's default lookup when omitted."),
  context: z.string().min(1).optional().describe("The kubeconfig context to use; the current context when omitted."),
});

const cluster = z.discriminatedUnion("kind", [eksCluster, kubeconfigCluster]);

// ---------------------------------------------------------------------------------------------
// Istio and Flagger installation
// ---------------------------------------------------------------------------------------------

const versions = z
  .strictObject({
    istio: exactVersion
      .default(PINNED_VERSIONS.istio)
      .describe("Istio's charts (base, and istiod and the gateway without revisions); never older than any istiod revision."),
    flagger: exactVersion.default(PINNED_VERSIONS.flagger).describe("Flagger's chart and image."),
    loadtester: exactVersion.default(PINNED_VERSIONS.loadtester).describe("Flagger's load tester chart."),
    kiali: exactVersion.default(PINNED_VERSIONS.kiali).describe("The Kiali operator chart, with kiali.enabled."),
  })
  .prefault({})
  .describe("Exact chart versions (no ranges): what every environment installs.");

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
  name: revisionName.describe("The revision's name (istiod-<name>); at most 56 characters."),
  version: exactVersion.describe("This istiod's exact Istio version; never newer than the `base` chart (versions.istio)."),
  tags: z
    .array(tagName)
    .default([])
    .describe("Revision tags this istiod serves; namespaces select a tag so that moving it moves them all."),
});

/** An Istio Gateway: HTTPS for its hosts with the given certificate, and HTTP redirected to HTTPS. */
const istioGateway = z.strictObject({
  name: dnsLabel.describe("Its name, in the ingress gateway's namespace; services name it under `expose.gateway`."),
  hosts: z.array(gatewayHost).min(1).describe("The hosts it serves (a wildcard such as `*.example.com` covers its subdomains)."),
  credentialName: dnsSubdomain.describe("The TLS Secret (`kubectl create secret tls`) in the ingress gateway's namespace."),
});

const ingressGateway = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Install the ingress gateway (Istio's gateway chart) behind an AWS NLB."),
    namespace: dnsLabel.default(INGRESS_GATEWAY_NAMESPACE).describe("The gateway's namespace, in the mesh."),
    revision: dnsLabel
      .optional()
      .describe("The tag or revision whose istiod injects the gateway's proxy; istio.defaultRevision when omitted."),
    scheme: z
      .enum(["internet-facing", "internal"])
      .default("internet-facing")
      .describe("internet-facing or internal NLB (the AWS Load Balancer Controller defaults to internal)."),
    minReplicas: positiveInt32.default(2).describe("The gateway's HPA minimum; at most maxReplicas."),
    maxReplicas: positiveInt32.default(5).describe("The gateway's HPA maximum."),
    gateways: z
      .array(istioGateway)
      .default([])
      .describe("Istio Gateways on this ingress gateway: services expose themselves through them by name."),
  })
  .prefault({})
  .describe("The ingress gateway and the Istio Gateways services are exposed through.");

const istio = z
  .strictObject({
    namespace: dnsLabel.default("istio-system").describe("The control plane's namespace, also Istio's root namespace."),
    chartRepository: chartRepository.default(ISTIO_CHART_REPOSITORY).describe("Where the base, istiod and gateway charts come from."),
    hub: imageHub
      .default(ISTIO_IMAGE_HUB)
      .describe("Where istiod and the proxies pull their images from (the charts' `hub` and `global.hub`)."),
    revisions: z
      .array(istioRevision)
      .min(1)
      .optional()
      .describe("istiod revisions side by side, for canary upgrades of the control plane; one unrevisioned istiod when omitted."),
    defaultRevision: dnsLabel
      .optional()
      .describe(
        "With revisions: the tag or revision that namespaces, the load tester and the gateway select unless they name their own, and whose istiod validates Istio config (`base.defaultRevision`).",
      ),
    istiodMinReplicas: positiveInt32
      .default(2)
      .describe("istiod's minimum replicas; 2 or more makes the chart render a PodDisruptionBudget."),
    istiodMaxReplicas: positiveInt32.default(5).describe("istiod's maximum replicas."),
    outboundTrafficPolicy: z
      .enum(["ALLOW_ANY", "REGISTRY_ONLY"])
      .default("ALLOW_ANY")
      .describe("REGISTRY_ONLY: nothing leaves the mesh but the externalApis services call."),
    accessLogs: z.boolean().default(true).describe("Envoy access logs of every proxy to stdout, through the Telemetry API."),
    tracing: z
      .strictObject({
        collector: collectorAddress.describe(
          "The collector's OTLP/gRPC address: `<Service>.<namespace>.svc.cluster.local:<port>`, or `<namespace>/<host>:<port>` for a ServiceEntry's host; istiod finds collectors by that name only.",
        ),
        samplingPercent: percent.default(1).describe("Percent of requests traced, 0 to 100."),
      })
      .optional()
      .describe("Traces to an OpenTelemetry collector, through the Telemetry API. Default: none"),
    proxyResources: resources.describe("The sidecar proxies' resources.").default({
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
  name: dnsLabel.describe("How alerts name it; its webhook URL is the secret `alertWebhookUrls.<name>`."),
  type: z.enum(ALERT_PROVIDER_TYPES).describe("The chat service its webhook URL belongs to."),
  channel: z.string().min(1).optional().describe("slack, discord, rocket: the channel to post to. Default: the webhook's own"),
  username: z.string().min(1).optional().describe("slack, discord, rocket: the name posts appear under. Default: the webhook's own"),
});

/** One alert every canary sends: events of at least this severity go to this provider. */
const alertRoute = z.strictObject({
  provider: dnsLabel.describe("One of flagger.alertProviders, by name."),
  severity: z
    .enum(["info", "warn", "error"])
    .describe("The lowest severity sent: info (every event), warn, or error (failures and rollbacks)."),
});

const prometheusOperator = z.strictObject({
  namespace: dnsLabel.default("monitoring").describe("Namespace for the monitors (sidecars, istiod, Flagger) and the canary alert rule."),
  labels: labels
    .default({})
    .describe("Labels the Prometheus resource selects monitors and rules by, e.g. `release: kube-prometheus-stack`."),
  alertLabels: prometheusLabels
    .superRefine((value, ctx) => {
      if ("severity" in value) {
        ctx.addIssue({ code: "custom", path: ["severity"], input: value.severity, message: "is set by each alert (critical or warning)" });
      }
    })
    .default({})
    .describe("Labels every canary alert carries besides `severity`, for Alertmanager's routes (e.g. `team: platform`)."),
});

const flagger = z.strictObject({
  namespace: dnsLabel.default("istio-system").describe("Flagger's namespace, outside the mesh."),
  metricsServer: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL of the Prometheus server" })
    .describe("Prometheus that holds the Istio metrics; every canary analysis queries it."),
  replicas: positiveInt32.default(2).describe("Flagger's replicas; more than one runs leader election and a PodDisruptionBudget."),
  loadtesterNamespace: dnsLabel.default("flagger-loadtester").describe("The load tester's namespace, in the mesh, of its own."),
  loadtesterRevision: dnsLabel
    .optional()
    .describe("The tag or revision the load tester's namespace selects; istio.defaultRevision when omitted."),
  loadtesterReplicas: positiveInt32.default(2).describe("The load tester's replicas."),
  alertProviders: z
    .array(alertProvider)
    .default([])
    .describe("Where canary events can go: Slack, Microsoft Teams, Discord, Rocket.Chat or Google Chat webhooks."),
  alerts: z
    .array(alertRoute)
    .default([])
    .describe("What every canary sends where, by severity (e.g. info to a team channel, error to on-call)."),
  prometheusOperator: prometheusOperator
    .optional()
    .describe("Present when the cluster runs the Prometheus Operator: adds the monitors Istio metrics need."),
});

const meshNamespace = z.strictObject({
  name: dnsLabel.describe("The namespace; the platform creates it, labels it for injection and makes it STRICT and allow-nothing."),
  labels: labels.default({}).describe("Extra labels; the injection labels are the platform's and may not be given."),
  revision: dnsLabel
    .optional()
    .describe("The tag or revision whose istiod injects this namespace's proxies; istio.defaultRevision when omitted."),
});

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------

/** Envoy's retry conditions when a service sets attempts but not retryOn. */
const DEFAULT_RETRY_ON = "gateway-error,connect-failure,refused-stream";

const retries = z
  .strictObject({
    attempts: int32.min(0).max(10).describe("0 turns retries off (Istio's default is 2); then nothing else may be set."),
    perTryTimeout: istioDuration.optional().describe("Timeout of each attempt, such as 3s."),
    retryOn: retryOn
      .optional()
      .describe("Envoy's retry conditions, comma-separated. Default: gateway-error,connect-failure,refused-stream when attempts > 0"),
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
  consecutive5xxErrors: positiveInt32.describe("5xx responses in a row that eject an endpoint."),
  interval: istioDuration.describe("How often endpoints are judged, such as 30s."),
  baseEjectionTime: istioDuration.describe("How long an ejected endpoint stays out, at least."),
  maxEjectionPercent: wholePercent.describe("The most of the endpoints that may be ejected at once, percent."),
});

const httpPool = z.strictObject({
  http1MaxPendingRequests: positiveInt32.optional().describe("Requests queued for a connection, at most."),
  http2MaxRequests: positiveInt32.optional().describe("Requests in flight to the service, at most."),
  maxRequestsPerConnection: positiveInt32.optional().describe("Requests per connection before it is closed."),
  maxRetries: int32.min(0).optional().describe("Retries in flight to the service, at most."),
  idleTimeout: istioDuration.optional().describe("How long an idle connection stays open."),
});

const tcpPool = z.strictObject({
  maxConnections: positiveInt32.optional().describe("Connections to the service, at most."),
  connectTimeout: istioDuration.optional().describe("How long a connection may take to open."),
});

const trafficPolicy = z
  .strictObject({
    loadBalancer: z
      .enum(["ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH"])
      .optional()
      .describe("How requests are spread over the endpoints. Default: Istio's"),
    connectionPool: z
      .strictObject({
        http: httpPool.optional().describe("HTTP limits."),
        tcp: tcpPool.optional().describe("TCP limits; static services only (Flagger's Canary has none)."),
      })
      .optional()
      .describe("Circuit breaking: the limits of the connection pool to the service."),
    outlierDetection: outlierDetection.optional().describe("Circuit breaking: endpoints that fail are ejected for a while."),
  })
  .prefault({})
  .describe("The DestinationRule's (or the Canary's) traffic policy; TLS is always ISTIO_MUTUAL.");

const webhookCommand = z.strictObject({
  command: z.string().min(1).describe("Shell command the load tester runs (`hey`, `curl`, …)."),
  timeout: flaggerDuration.default("60s").describe("How long the command may run."),
});

/** Flagger's own metrics, which every Canary here already checks; a custom metric needs another name. */
export const BUILT_IN_METRICS = ["request-success-rate", "request-duration"] as const;

const customMetric = z
  .strictObject({
    name: dnsLabel
      .refine((name) => !(BUILT_IN_METRICS as readonly string[]).includes(name), {
        message: `is one of Flagger's built-in metrics (${BUILT_IN_METRICS.join(", ")}), which every canary already checks; pick another name`,
      })
      .describe("The metric's name; its MetricTemplate is <service>-<name>."),
    query: z.string().min(1).describe("PromQL; Flagger substitutes {{ namespace }}, {{ target }} and {{ interval }}."),
    min: z.number().optional().describe("The lowest value that passes."),
    max: z.number().optional().describe("The highest value that passes."),
    interval: flaggerDuration.optional().describe("The query's range. Default: the analysis interval"),
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
      .strictObject({
        name: headerName.default(CANARY_HEADER.name).describe("The header's name, lower case."),
        value: z.string().min(1).default(CANARY_HEADER.value).describe("The value it must have."),
      })
      .optional()
      .describe("Requests with this header go to the canary."),
    cookie: re2Regex.optional().describe("An RE2 regular expression on the Cookie header, such as `^(.*?;)?(canary=always)(;.*)?$`."),
  })
  .refine((match) => match.header !== undefined || match.cookie !== undefined, "needs a header, a cookie or both");

/** The cookie that keeps a user on the version it first got, unless the stack names another. */
export const SESSION_AFFINITY_DEFAULTS = { cookieName: "flagger-cookie", maxAge: 86400 } as const;

const sessionAffinity = z.strictObject({
  cookieName: cookieName.default(SESSION_AFFINITY_DEFAULTS.cookieName).describe("The cookie that keeps a user on one version."),
  maxAge: positiveInt32.default(SESSION_AFFINITY_DEFAULTS.maxAge).describe("Seconds the cookie lives. Default: a day"),
});

/** A weight step: Flagger reads weights as whole numbers; weightStepProblems requires each above 0. */
const weightStep = wholePercent;

const canaryAnalysis = z.strictObject({
  interval: flaggerDuration.describe("How often the canary is judged: whole seconds or minutes, such as 1m."),
  threshold: positiveInt32.describe("Failed checks in a row that roll the canary back."),
  strategy: z
    .enum(CANARY_STRATEGIES)
    .default("weighted")
    .describe(
      "How traffic reaches the canary: weighted steps, blue/green (test traffic, then all), an A/B test (matching requests), mirroring (copies of live traffic) or session affinity (weighted, each user kept on one version).",
    ),
  maxWeight: wholePercent.optional().describe("weighted, sessionAffinity: the highest weight the canary reaches, percent."),
  stepWeight: weightStep.optional().describe("weighted, sessionAffinity: the weight added at each step (or stepWeights)."),
  stepWeights: z
    .array(weightStep)
    .min(1)
    .optional()
    .describe("weighted, sessionAffinity: increasing weights, each a step (or stepWeight)."),
  iterations: positiveInt32.optional().describe("blueGreen, abTest, mirroring: checks before promotion."),
  match: abMatch.optional().describe("abTest: which requests go to the canary: a header, a cookie, or either."),
  mirrorWeight: wholePercent.min(1).optional().describe("mirroring: the share of live traffic copied to the canary. Default: all of it"),
  sessionAffinity: sessionAffinity
    .optional()
    .describe("sessionAffinity: the cookie that keeps each user on one version. Default: flagger-cookie, for a day"),
  successRateMin: percent
    .default(SAFE_CANARY_CHECKS.successRateMin)
    .describe("The lowest share of successful requests that passes, percent."),
  latencyP99MaxMs: z
    .number()
    .positive()
    .default(SAFE_CANARY_CHECKS.latencyP99MaxMs)
    .describe("The highest P99 latency that passes, milliseconds."),
  smokeTest: webhookCommand.optional().describe("A command the load tester runs before the rollout starts; failing, it stops the rollout."),
  loadTest: webhookCommand
    .optional()
    .describe(
      "A command the load tester runs during the analysis: hey or curl against `<name>-canary.<namespace>:<port>`. blueGreen needs one (no user request reaches its canary); for blueGreen, mirroring and abTest it must reach the canary, and abTest's sends the match.",
    ),
  metrics: z.array(customMetric).default([]).describe("Custom checks in PromQL, each a MetricTemplate."),
  alerts: z.boolean().default(true).describe("Send the alerts `flagger.alerts` lists for this canary."),
  revertOnDeletion: z
    .boolean()
    .default(true)
    .describe("Scale the Deployment back up when the Canary is deleted (without it, it stays at zero replicas)."),
  progressDeadlineSeconds: positiveInt32
    .max(
      PROGRESS_DEADLINE_SECONDS.max,
      `must be at most ${PROGRESS_DEADLINE_SECONDS.max}: an analysis stuck longer is rolled back too late`,
    )
    .default(PROGRESS_DEADLINE_SECONDS.default)
    .describe("How long a canary Deployment may take to make progress before Flagger rolls it back."),
});

/** An `autoscaling/v2` HPA for a progressive service's Deployment; Flagger scales the primary alike. */
const autoscaler = z.strictObject({
  minReplicas: positiveInt32.describe("The fewest pods; at most maxReplicas."),
  maxReplicas: positiveInt32.describe("The most pods."),
  cpuUtilization: positiveInt32.default(80).describe("Average CPU use, percent of the pods' requests, that the HPA keeps them at."),
});

/** Whom a service calls: mesh services (`name` or `namespace/name`) and external APIs by name. */
const calls = z
  .strictObject({
    services: z
      .array(serviceRef)
      .default([])
      .describe("Mesh services it calls: <name> in its namespace, or <namespace>/<name>; each allows it by its ServiceAccount."),
    apis: z.array(dnsLabel).default([]).describe("External APIs it calls, by their externalApis name."),
  })
  .prefault({})
  .describe("Whom it calls. A service nobody calls and not exposed is reachable by nothing (default-deny).");

/** A service reachable from outside through one of the ingress gateway's Gateways. */
const exposure = z.strictObject({
  gateway: dnsLabel.describe("The Gateway's name, one of `istio.ingressGateway.gateways`."),
  hosts: z.array(dnsName).min(1).describe("Public hosts, each served by that Gateway."),
  pathPrefix: pathPrefix.default("/").describe("Only requests under this path reach the service."),
});

/** A local rate limit in each pod's sidecar: a token bucket of `burst` tokens, `requests` added every `per`. */
const rateLimit = z.strictObject({
  requests: positiveInt32.describe("Tokens added to the bucket every per."),
  per: istioDuration.default("1s").describe("How often the bucket is filled; at least 50ms."),
  burst: positiveInt32.optional().describe("The bucket's size: requests a burst may use at once. Default: requests"),
});

const serviceBase = {
  namespace: dnsLabel.describe("One of namespaces."),
  port: port.describe("The Service's port."),
  timeout: istioDuration.optional().describe("Request timeout, such as 10s. Default: none"),
  retries: retries.optional().describe("Retries. Default: Istio's (2 attempts)"),
  trafficPolicy,
  serviceAccount: dnsSubdomain
    .refine((name) => name !== "default", {
      message: "is the namespace's shared identity, which every pod without a serviceAccountName runs as; give the service one of its own",
    })
    .optional()
    .describe("The ServiceAccount its pods run as: callers are allowed by it (`cluster.local/ns/<ns>/sa/<it>`). Default: the service name"),
  createServiceAccount: z
    .boolean()
    .default(true)
    .describe(
      "Whether the stack creates that ServiceAccount in the service's namespace. `false` when the team's own manifests bring it (a Helm chart's `serviceAccount.create`, say): the stack then only names it, and `check --workloads` looks for it among the team's manifests.",
    ),
  targetPort: port.optional().describe("The pods' port behind `port`, which authorization policies name. Default: port"),
  calls,
  expose: exposure.optional().describe("Exposure through one of istio.ingressGateway.gateways. Default: not exposed"),
  rateLimit: rateLimit.optional().describe("A local rate limit in each pod's sidecar; over it, 429."),
};

const LONGEST_FLAGGER_SUFFIX = Math.max(...FLAGGER_NAME_SUFFIXES.map((suffix) => suffix.length));

const progressiveService = z.strictObject({
  name: serviceName
    .describe("The Service's name (DNS-1035), and the Deployment's Flagger canaries.")
    .max(
      63 - LONGEST_FLAGGER_SUFFIX,
      `must be at most ${63 - LONGEST_FLAGGER_SUFFIX} characters: Flagger names its Services <name>-primary and <name>-canary, and a Service name has at most 63`,
    ),
  ...serviceBase,
  delivery: z.literal("progressive"),
  canary: canaryAnalysis.describe("The Flagger analysis of each rollout."),
  autoscaler: autoscaler
    .optional()
    .describe("An HPA for the Deployment, which the Canary points Flagger at. Default: none: the Deployment's own replicas"),
});

const faultInjection = z
  .strictObject({
    delay: z
      .strictObject({
        percentage: percent.describe("Share of requests, percent."),
        fixedDelay: istioDuration.describe("The delay, such as 2s."),
      })
      .optional()
      .describe("Delay a share of requests."),
    abort: z
      .strictObject({
        percentage: percent.describe("Share of requests, percent."),
        httpStatus: httpStatus.describe("The status they get."),
      })
      .optional()
      .describe("Fail a share of requests."),
  })
  .refine((fault) => fault.delay !== undefined || fault.abort !== undefined, "needs a delay, an abort or both");

const staticService = z
  .strictObject({
    name: serviceName.describe("The Service's name (DNS-1035)."),
    ...serviceBase,
    delivery: z.literal("static"),
    split: z
      .strictObject({
        stable: wholePercent.describe("Percent to the stable subset."),
        canary: wholePercent.describe("Percent to the canary subset."),
      })
      .default({ stable: 100, canary: 0 })
      .describe("Weighted split between the stable and canary subsets; must total 100."),
    canaryHeader: z
      .strictObject({
        name: headerName.default(CANARY_HEADER.name).describe("The header's name, lower case."),
        value: z.string().min(1).default(CANARY_HEADER.value).describe("The value it must have."),
      })
      .prefault({})
      .describe("Requests with this header go to the canary subset whatever the split says."),
    subsets: z
      .strictObject({
        stable: labels.default({ version: "stable" }).describe("Pod labels of the stable subset."),
        canary: labels.default({ version: "canary" }).describe("Pod labels of the canary subset."),
      })
      .prefault({})
      .describe("Pod labels that select each subset."),
    faultInjection: faultInjection.optional().describe("Faults for testing resilience: delays, aborts or both."),
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
  name: dnsLabel.describe("How services name it under `calls.apis`."),
  hosts: z.array(dnsName).min(1).describe("Its DNS names (no wildcards: the proxy resolves them)."),
  ports: z
    .array(
      z.strictObject({
        number: port.describe("The port."),
        protocol: z
          .enum(EXTERNAL_API_PROTOCOLS)
          .describe("What the sidecar parses it as; one that contradicts a well-known port (HTTP on 443, TLS on 80) is refused."),
      }),
    )
    .min(1)
    .describe("Its ports, each with its protocol."),
  addresses: z
    .array(ipAddressOrCidr)
    .min(1)
    .optional()
    .describe(
      "Its IP addresses or CIDR blocks. A TCP port needs them: the sidecar tells TCP connections apart by destination address only, and without one claims the port for every destination. Default: none",
    ),
});

/** Kiali, the mesh's console: topology, traffic and config validation, from the stack's Prometheus. */
const kiali = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Install Kiali: the kiali-operator chart and a Kiali resource in istio.namespace."),
    operatorNamespace: dnsLabel
      .default("kiali-operator")
      .describe("The Kiali operator's namespace (outside the mesh); Kiali itself runs in istio.namespace."),
    auth: z
      .discriminatedUnion(
        "strategy",
        [
          z
            .strictObject({ strategy: z.literal("token") })
            .describe("A Kubernetes bearer token (on EKS, `aws eks get-token`): what Kiali shows follows the token's RBAC."),
          z
            .strictObject({
              strategy: z.literal("openid"),
              issuerUri: z
                .url({ protocol: /^https$/, error: "must be the https URL of the OpenID issuer" })
                .describe("The https URL of the OpenID issuer."),
              clientId: z.string().min(1).describe("Kiali's client id at the issuer."),
              usernameClaim: z.string().min(1).optional().describe("The token claim that names the user. Default: Kiali's (sub)"),
            })
            .describe("An OpenID Connect provider the cluster's API server also trusts (an EKS OIDC identity provider)."),
        ],
        { error: "must name a login strategy: token or openid (Kiali's anonymous access is not offered)" },
      )
      .default({ strategy: "token" })
      .describe("How people log in; never anonymous."),
    viewOnly: z.boolean().default(true).describe("Nobody can change the mesh from Kiali; the stack is the only way to change it."),
  })
  .prefault({});

export const stackShape = z.strictObject({
  cluster: cluster.describe("How the program reaches the cluster: an EKS cluster by name, or a kubeconfig."),
  versions,
  protectCrdCharts: z
    .boolean()
    .default(true)
    .describe("Keep the charts that ship CRDs from being deleted by `pulumi destroy` or a replacement."),
  istio: istio.describe("Istio: the control plane, its revisions, the mesh settings and the ingress gateway."),
  flagger: flagger.describe("Flagger, its load tester, where canary alerts go and the Prometheus Operator monitors."),
  kiali: kiali.describe(
    "Kiali, the mesh's console: topology, traffic and config validation from the stack's Prometheus, read-only, never anonymous.",
  ),
  namespaces: z.array(meshNamespace).min(1).describe("The mesh namespaces: injected, STRICT mutual TLS, allowing nothing by default."),
  services: z
    .array(service)
    .default([])
    .describe(
      "The services in the mesh: a Flagger Canary (delivery: progressive) or a static VirtualService and DestinationRule (delivery: static) each.",
    ),
  externalApis: z
    .array(externalApi)
    .default([])
    .describe("APIs outside the cluster that services may call (calls.apis); with REGISTRY_ONLY, the only way out of the mesh."),
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
