/**
 * The value grammar Kubernetes, Istio, Flagger and Envoy enforce, as zod schemas: names, labels,
 * durations, quantities, header names, retry conditions. A value they would refuse at apply time
 * is refused here, with a message that says what a valid one looks like.
 */
import { RE2JS } from "re2js";
import { isIP } from "node:net";
import { z } from "zod";
import { durationMillis } from "../../policies/vocabulary/duration";

/** RFC 1123 label: namespaces, most object names. */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a DNS label (lower case letters, digits and '-', at most 63 characters)");

/** RFC 1035 label: what a Service name must be (it starts with a letter). */
export const serviceName = z
  .string()
  .regex(
    /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    "must be a Service name (a DNS-1035 label: a lower case letter first, then letters, digits and '-', at most 63 characters)",
  );

/** Label keys (an optional DNS-subdomain prefix and a name) and values, as the API server checks them. */
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf("/");
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return "has a prefix that is not a DNS subdomain";
  }
  if (!LABEL_NAME.test(name)) {
    return "must be a label key: letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters after an optional prefix/";
  }
  return undefined;
}

export const labelValue = z
  .string()
  .regex(
    /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/,
    "must be a label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
  )
  .max(63, "must be a label value of at most 63 characters");

export const labels = z.record(z.string(), labelValue).superRefine((map, ctx) => {
  for (const key of Object.keys(map)) {
    const problem = labelKeyProblem(key);
    if (problem) {
      ctx.addIssue({ code: "custom", path: [key], input: key, message: problem });
    }
  }
});

/**
 * Labels of a Prometheus alert. Prometheus refuses a rule file whose label names are not
 * `[a-zA-Z_][a-zA-Z0-9_]*` or start with `__` (reserved), so Kubernetes label keys such as
 * `app.kubernetes.io/name` are not allowed; values are free text.
 * https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels
 */
export const prometheusLabels = z.record(z.string(), z.string()).superRefine((map, ctx) => {
  for (const key of Object.keys(map)) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key) || key.startsWith("__")) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        input: key,
        message: "must be a Prometheus label name: letters, digits and '_', not starting with a digit or '__'",
      });
    }
  }
});

/** A value Kubernetes stores as a 32-bit integer. */
export const int32 = z
  .number()
  .int("must be a whole number")
  .max(2 ** 31 - 1, "must fit in 32 bits (at most 2147483647)");
export const positiveInt32 = int32.min(1);
export const port = int32.min(1).max(65535);

/** A whole-number percentage: Istio route weights and ejection percentages, Flagger's weights (Go ints). */
export const wholePercent = z.number().int("must be a whole number of percent").min(0).max(100);
/** A percentage that may have decimals, as Istio's fault-injection percentages may. */
export const percent = z.number().min(0).max(100);

/** Istio durations: the CRDs refuse anything below 1ms (`0s` included) and anything without a unit. */
export const istioDuration = z.string().superRefine((text, ctx) => {
  const millis = durationMillis(text);
  if (millis === undefined) {
    ctx.addIssue({ code: "custom", input: text, message: "must be a duration with a unit, such as 30s, 1m or 1m30s" });
  } else if (millis < 1) {
    ctx.addIssue({ code: "custom", input: text, message: "must be at least 1ms" });
  }
});

/** Flagger's Canary CRD takes whole seconds or minutes only (`^[0-9]+(m|s)`); zero makes no analysis. */
export const flaggerDuration = z
  .string()
  .regex(/^[0-9]+(s|m)$/, "must be a whole number of seconds or minutes, such as 30s or 1m")
  .refine((text) => Number.parseInt(text, 10) > 0, "must be longer than 0");

const QUANTITY = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const QUANTITY_FACTORS: Record<string, number> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * A Kubernetes quantity's value (`500m` → 0.5, `128Mi` → 134217728), or undefined when the text
 * is not a quantity. Written here: the grammar is small and fixed, and no maintained npm package
 * offers it apart from the whole Kubernetes client.
 */
export function quantityValue(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match || !/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(match[1])) {
    return undefined;
  }
  const suffix = match[2] ?? "";
  const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : QUANTITY_FACTORS[suffix];
  return Number(match[1]) * factor;
}

/** What is wrong with a CPU quantity, or undefined when Kubernetes and a proxy can use it. */
export function cpuProblem(text: string): string | undefined {
  const value = quantityValue(text);
  return value === undefined || value <= 0 ? "must be a positive CPU quantity such as 100m or 1" : undefined;
}

/**
 * What is wrong with a memory quantity. Memory is counted in bytes: `512m` is half a byte, a
 * unit slip the API server takes and the proxy then dies of. Anything under 1Mi cannot hold an
 * Envoy, so it is refused as well.
 */
export function memoryProblem(text: string): string | undefined {
  const value = quantityValue(text);
  if (value === undefined || value <= 0) {
    return "must be a positive memory quantity such as 128Mi or 1Gi";
  }
  if (/[num]$/.test(text)) {
    return "counts memory in thousandths of a byte or less; write Mi (mebibytes), not m";
  }
  return value < 2 ** 20 ? "is less than 1Mi, too little memory for a proxy" : undefined;
}

const withProblem = (problemOf: (text: string) => string | undefined) =>
  z.string().superRefine((text, ctx) => {
    const message = problemOf(text);
    if (message) {
      ctx.addIssue({ code: "custom", input: text, message });
    }
  });

export const cpuQuantity = withProblem(cpuProblem);
export const memoryQuantity = withProblem(memoryProblem);

/**
 * Request header names as Istio matches them: lower case tokens (HTTP/2 carries them lower case),
 * minus the pseudo-header names Istio ignores in a header match.
 */
const IGNORED_HEADER_MATCHES = new Set(["uri", "scheme", "method", "authority"]);
export const headerName = z
  .string()
  .regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, "must be a lower case HTTP header name such as x-canary")
  .refine((name) => !IGNORED_HEADER_MATCHES.has(name), "is ignored by Istio in a header match; use another header name");

/** An HTTP status Istio's fault injection can return. */
export const httpStatus = z.number().int("must be a whole number").min(200).max(599);

/** Envoy's retry conditions (https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-retry-on) and gRPC ones, or an HTTP status code. */
const RETRY_CONDITIONS = new Set([
  "5xx",
  "gateway-error",
  "reset",
  "reset-before-request",
  "connect-failure",
  "envoy-ratelimited",
  "retriable-4xx",
  "refused-stream",
  "retriable-status-codes",
  "retriable-headers",
  "http3-post-connect-failure",
  "cancelled",
  "deadline-exceeded",
  "internal",
  "resource-exhausted",
  "unavailable",
]);

/** The status codes Go's net/http names: Istio takes a number in retryOn only if it is one of these. */
const KNOWN_STATUS_CODES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404,
  405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
  503, 504, 505, 506, 507, 508, 510, 511,
]);

/**
 * A comma-separated list of retry conditions, checked as Istio's webhook checks it: split on
 * commas with nothing trimmed, so `5xx, reset` is refused for its space as the webhook would.
 */
export const retryOn = z.string().superRefine((text, ctx) => {
  const unknown = text
    .split(",")
    .filter(
      (condition) => !RETRY_CONDITIONS.has(condition) && !(/^[0-9]{3}$/.test(condition) && KNOWN_STATUS_CODES.has(Number(condition))),
    );
  if (unknown.length > 0) {
    ctx.addIssue({
      code: "custom",
      input: text,
      message: `must list retry conditions Envoy knows, comma-separated without spaces (such as gateway-error,connect-failure,refused-stream or 503); not ${unknown.map((c) => JSON.stringify(c)).join(", ")}`,
    });
  }
});

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

/** A fully qualified host outside the cluster or behind a gateway: `api.example.com`. */
export const dnsName = z.string().regex(DNS_NAME, "must be a lower case DNS name with a dot, such as api.example.com");

/** What an ingress Gateway may serve: a DNS name or a wildcard over one (`*.example.com`). */
export const gatewayHost = z
  .string()
  .refine(
    (host) => DNS_NAME.test(host.replace(/^\*\./, "")),
    "must be a lower case DNS name such as api.example.com, or a wildcard such as *.example.com",
  );

/** An object name the API server takes for Secrets and ServiceAccounts: a DNS subdomain. */
export const dnsSubdomain = z
  .string()
  .max(253, "must be at most 253 characters")
  .regex(DNS_SUBDOMAIN, "must be a DNS subdomain: lower case letters, digits, '-' and '.'");

/**
 * A URI path prefix as Istio matches it: from the root, without a query or fragment, and literal.
 * Istio's `uri.prefix` has no globs: `/api/users/*` matches only paths that begin with that text,
 * star included, so every real request would miss it and get 404.
 */
export const pathPrefix = z
  .string()
  .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, "must be a URI path starting with /, without a query or fragment, such as /api/users")
  .refine((prefix) => !prefix.includes("*"), {
    message:
      "is matched literally by Istio, star included, so no real request would match it (404); drop the glob: /api/users/* is written /api/users/",
  });

/** A mesh service as another service names it: `name` in the caller's namespace, or `namespace/name`. */
export const serviceRef = z
  .string()
  .regex(
    /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\/)?[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    "must name a service as <name> (same namespace) or <namespace>/<name>",
  );

/** `name` or `namespace/name`, resolved against the caller's namespace. */
export function resolveServiceRef(ref: string, fromNamespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf("/");
  return slash < 0 ? { namespace: fromNamespace, name: ref } : { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/** A cookie name as RFC 6265 allows it (a token). */
export const cookieName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be a cookie name: letters, digits and !#$%&'*+.^_`|~-");

/**
 * A regular expression Envoy and Istio accept: RE2 (no lookaround, no backreferences), compiled by
 * re2js, a port of RE2 that reports what Go's regexp would; at most 1024 characters (Istio's limit).
 */
export const re2Regex = z.string().superRefine((text, ctx) => {
  let problem: string | undefined;
  try {
    RE2JS.compile(text);
  } catch (error) {
    problem = `must be an RE2 regular expression: ${(error as Error).message}`;
  }
  if (!problem && text.length > 1024) {
    problem = "must be at most 1024 characters";
  }
  if (problem) {
    ctx.addIssue({ code: "custom", input: text, message: problem });
  }
});

/** An IP address or CIDR block, IPv4 or IPv6, as a ServiceEntry's `addresses` take them. */
export const ipAddressOrCidr = z.string().refine(
  (text) => {
    const [address, bits, ...rest] = text.split("/");
    const family = isIP(address);
    if (family === 0 || rest.length > 0) {
      return false;
    }
    return bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  },
  { message: "must be an IP address or CIDR block, such as 203.0.113.10 or 203.0.113.0/24" },
);

/** The suffix of every Kubernetes Service's full name in this mesh (its trust domain is Istio's default). */
const CLUSTER_SERVICE_SUFFIX = ".svc.cluster.local";

/**
 * A collector's address as istiod resolves an extension provider's `service`: `host:port`, where
 * the host is a Service's full name (`otel-collector.observability.svc.cluster.local`) or
 * `namespace/host` for a host a ServiceEntry declares there. istiod looks the host up in its
 * registry by exactly that name: a short name, `name.namespace`, `localhost` or an IP address
 * finds nothing, and traces are silently dropped.
 */
export const collectorAddress = z.string().superRefine((text, ctx) => {
  const example = "otel-collector.observability.svc.cluster.local:4317, or observability/otel.example.com:4317 for a ServiceEntry's host";
  const problem = (message: string) => ctx.addIssue({ code: "custom", input: text, message });
  const colon = text.lastIndexOf(":");
  const host = colon < 0 ? text : text.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || isIP(host) !== 0) {
    problem(
      `names no host istiod can find (it resolves collectors by hostname in its registry, never localhost or an IP address): use ${example}`,
    );
    return;
  }
  const match =
    /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*):([0-9]{1,5})$/.exec(text);
  if (!match || Number(match[7]) < 1 || Number(match[7]) > 65535) {
    problem(`must be host:port, such as ${example}`);
  } else if (match[1] === undefined && !match[3].endsWith(CLUSTER_SERVICE_SUFFIX)) {
    problem(`is not a full Service name, so istiod finds no such host in its registry and sends no spans: use ${example}`);
  }
});

/** The host (with its `namespace/`, if any) and port of a `host:port` the schema has checked. */
export function splitHostPort(text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(":");
  return { host: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
}
