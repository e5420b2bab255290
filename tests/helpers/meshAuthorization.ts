/**
 * How Istio decides whether a request reaches a workload, for the specs that show which paths the
 * perimeter opens. Enough of Istio's semantics for the objects the platform emits:
 * - mTLS: a request without an identity (plain text) is refused by a workload whose effective
 *   PeerAuthentication mode is STRICT (a selector policy overrides the namespace one);
 * - authorization: DENY and CUSTOM are not used; when any ALLOW policy applies to the workload
 *   (namespace-wide or selecting its labels), some rule of one of them must match, and a policy
 *   without rules matches nothing; when none applies, the request is allowed.
 * https://istio.io/latest/docs/concepts/security/#authorization-policies
 */
import type { K8sObject } from "../../policies/vocabulary/k8sObject";

export interface Workload {
  namespace: string;
  labels: Record<string, string>;
}

export interface Request {
  /** The caller's SPIFFE identity (`cluster.local/ns/<ns>/sa/<sa>`), or undefined for plain text. */
  principal?: string;
  to: Workload;
  port: number;
}

type Dict = Record<string, any>;

const selects = (selector: Dict | undefined, workload: Workload) =>
  Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => workload.labels[key] === value);

/** Policies of a kind that apply to a workload: namespace-wide ones, then those whose selector matches. */
function applying(objects: K8sObject[], kind: string, workload: Workload): Dict[] {
  return objects
    .filter((o) => o.kind === kind && o.metadata.namespace === workload.namespace && selects((o.spec as Dict)?.selector, workload))
    .map((o) => (o.spec ?? {}) as Dict);
}

const matchesPattern = (principal: string | undefined, pattern: string) =>
  principal !== undefined &&
  (pattern === "*" || pattern === principal || (pattern.endsWith("*") && principal.startsWith(pattern.slice(0, -1))));

function sourceMatches(source: Dict, principal: string | undefined): boolean {
  if (source.principals && !source.principals.some((p: string) => matchesPattern(principal, p))) {
    return false;
  }
  if (source.notPrincipals && source.notPrincipals.some((p: string) => matchesPattern(principal, p))) {
    return false;
  }
  return true;
}

function ruleMatches(rule: Dict, request: Request): boolean {
  const from = rule.from === undefined || rule.from.some((f: Dict) => sourceMatches(f.source ?? {}, request.principal));
  const to =
    rule.to === undefined || rule.to.some((t: Dict) => (t.operation?.ports ?? [String(request.port)]).includes(String(request.port)));
  return from && to;
}

/** Whether the request gets through the workload's sidecar. */
export function isAllowed(objects: K8sObject[], request: Request): boolean {
  if (request.principal === undefined) {
    const modes = applying(objects, "PeerAuthentication", request.to);
    const scoped = modes.filter((spec) => spec.selector);
    const effective = (scoped.length > 0 ? scoped : modes).map((spec) => spec.mtls?.mode);
    if (effective.includes("STRICT") && !effective.includes("PERMISSIVE")) {
      return false;
    }
  }
  const allows = applying(objects, "AuthorizationPolicy", request.to).filter((spec) => (spec.action ?? "ALLOW") === "ALLOW");
  return allows.length === 0 || allows.some((spec) => (spec.rules ?? []).some((rule: Dict) => ruleMatches(rule, request)));
}
