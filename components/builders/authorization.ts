/**
 * Zero trust with Istio AuthorizationPolicies: every mesh namespace allows nothing by default, and
 * each service's pods allow exactly their declared callers, by workload identity, on the service's
 * port. A workload that must take plain text (the load tester, called by Flagger's controller
 * from outside the mesh) allows requests without an identity, on its port only.
 * https://istio.io/latest/docs/ops/best-practices/security/#use-default-deny-patterns
 */
import type { IAuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import type { ServiceConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { podGroups, targetPortOf } from "./workloads";

type Spec = NonNullable<IAuthorizationPolicy["spec"]>;

function authorizationPolicy(name: string, namespace: string, spec: Spec): K8sObject {
  return { apiVersion: API_VERSIONS.authorizationPolicy, kind: "AuthorizationPolicy", metadata: { name, namespace }, spec };
}

/** The name of a namespace's allow-nothing policy. */
export const ALLOW_NOTHING = "allow-nothing";

/** An ALLOW policy with no rules, for the whole namespace: it matches no request, so nothing is allowed but what other policies allow. */
export function allowNothing(namespace: string): K8sObject {
  return authorizationPolicy(ALLOW_NOTHING, namespace, {});
}

/**
 * Plain-text requests to one workload's port: `notPrincipals: ["*"]` matches exactly the requests
 * that carry no mTLS identity, which is what a caller outside the mesh sends.
 */
export function plaintextWorkloadAuthorization(namespace: string, name: string, selector: Record<string, string>, port: number): K8sObject {
  return authorizationPolicy(name, namespace, {
    selector: { matchLabels: { ...selector } },
    action: "ALLOW",
    rules: [{ from: [{ source: { notPrincipals: ["*"] } }], to: [{ operation: { ports: [String(port)] } }] }],
  });
}

/** Who may call a service, as workload identities. */
export interface ServiceCallers {
  /** Its declared callers' principals (and the ingress gateway's, when it is exposed). */
  principals: string[];
  /** The load tester's principal: it calls a progressive service's canary pods during analysis. */
  loadtester: string;
}

/**
 * One ALLOW policy per pod group of the service (`<name>-callers`, and `<name>-primary-callers` for
 * Flagger's primary pods), naming its callers on its port. A group nobody may call gets no policy:
 * the namespace's allow-nothing already covers it.
 */
export function serviceAuthorizations(service: ServiceConfig, callers: ServiceCallers): K8sObject[] {
  return podGroups(service).flatMap((group) => {
    const principals = [...new Set([...callers.principals, ...(group.role === "canary" ? [callers.loadtester] : [])])].sort();
    if (principals.length === 0) {
      return [];
    }
    return [
      authorizationPolicy(`${service.name}${group.suffix}-callers`, service.namespace, {
        selector: { matchLabels: { ...group.labels } },
        action: "ALLOW",
        rules: [{ from: [{ source: { principals } }], to: [{ operation: { ports: [String(targetPortOf(service))] } }] }],
      }),
    ];
  });
}
