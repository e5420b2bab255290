import type { IPeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";

/** Namespace-wide STRICT mutual TLS: plain-text traffic to any workload in the namespace is refused. */
export function strictMtls(namespace: string): K8sObject {
  return {
    apiVersion: API_VERSIONS.peerAuthentication,
    kind: "PeerAuthentication",
    metadata: { name: "default", namespace },
    spec: { mtls: { mode: "STRICT" } } satisfies IPeerAuthentication["spec"],
  };
}

/**
 * PERMISSIVE for one workload only. The Flagger controller sits outside the mesh and calls the
 * load tester's webhooks in plain text, while the load tester itself must stay in the mesh to
 * reach STRICT services (https://docs.flagger.app/tutorials/istio-progressive-delivery).
 */
export function permissiveWorkloadMtls(namespace: string, name: string, selector: Record<string, string>): K8sObject {
  return {
    apiVersion: API_VERSIONS.peerAuthentication,
    kind: "PeerAuthentication",
    metadata: { name, namespace },
    spec: { selector: { matchLabels: { ...selector } }, mtls: { mode: "PERMISSIVE" } } satisfies IPeerAuthentication["spec"],
  };
}
