/**
 * The CEL the API server evaluates for a CRD's `x-kubernetes-validations`: the standard language
 * (from `@marcbachmann/cel-js`: macros, strings, durations) plus the Kubernetes extension the
 * Istio and Flagger CRDs call, `url()` with its accessors. A rule is parsed once and reused.
 */
import { Environment } from "@marcbachmann/cel-js";

/** A URL as the Kubernetes CEL library sees it: an absolute URI, or an absolute path. */
class KubernetesUrl {
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly hostname: string,
    readonly port: string,
    readonly path: string,
    readonly query: string,
  ) {}

  static parse(text: string): KubernetesUrl {
    if (text.startsWith("/")) {
      const [path, query = ""] = text.split("?", 2);
      return new KubernetesUrl("", "", "", "", path, query);
    }
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error(`URL parse error during conversion from string: ${text}`);
    }
    return new KubernetesUrl(url.protocol.replace(/:$/, ""), url.host, url.hostname, url.port, url.pathname, url.search.replace(/^\?/, ""));
  }
}

function isUrl(text: string): boolean {
  try {
    KubernetesUrl.parse(text);
    return true;
  } catch {
    return false;
  }
}

const environment = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false })
  .registerType("URL", KubernetesUrl)
  .registerFunction("url(string): URL", (text: string) => KubernetesUrl.parse(text))
  .registerFunction("isURL(string): bool", (text: string) => isUrl(text));
for (const [name, field] of [
  ["getScheme", "scheme"],
  ["getHost", "host"],
  ["getHostname", "hostname"],
  ["getPort", "port"],
  ["getEscapedPath", "path"],
  ["getQuery", "query"],
] as const) {
  environment.registerFunction({
    name,
    receiverType: "URL",
    returnType: "string",
    params: [],
    handler: (url: KubernetesUrl) => url[field],
  });
}

const parsed = new Map<string, (context: Record<string, unknown>) => unknown>();

/** Evaluates a rule with `self` bound to a value; throws when the rule cannot be evaluated. */
export function evaluateRule(rule: string, self: unknown): unknown {
  let program = parsed.get(rule);
  if (!program) {
    program = environment.parse(rule);
    parsed.set(rule, program);
  }
  return program({ self });
}
