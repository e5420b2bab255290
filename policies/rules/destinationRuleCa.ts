import { dict, isDestinationRule, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

/** Client TLS modes in which the sidecar originates TLS with certificates it is given, not Istio's own. */
const ORIGINATING = new Set(["SIMPLE", "MUTUAL"]);

/**
 * Why a client TLS setting leaves the server unverified, or undefined: SIMPLE or MUTUAL without
 * caCertificates, unless a credentialName supplies them to the workloads a selector picks (as
 * istioctl reads it: a credential is only fetched for a DestinationRule with a workloadSelector).
 */
function unverified(tls: Record<string, unknown>, hasSelector: boolean): string | undefined {
  const mode = tls.mode;
  if (typeof mode !== "string" || !ORIGINATING.has(mode)) {
    return undefined;
  }
  const ca = typeof tls.caCertificates === "string" && tls.caCertificates !== "";
  const credential = typeof tls.credentialName === "string" && tls.credentialName !== "";
  return ca || (credential && hasSelector) ? undefined : mode;
}

/**
 * istioctl IST0128 and IST0129: a DestinationRule that originates TLS (SIMPLE or MUTUAL) without a
 * CA to check the server's certificate against accepts any server, so the connection is encrypted
 * but not authenticated.
 */
export const destinationRuleCa: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "destination-rule-ca",
  description:
    "A DestinationRule that originates TLS (mode SIMPLE or MUTUAL), for the whole host (istioctl IST0128) or a port (IST0129), needs " +
    "caCertificates (or a credentialName with a workloadSelector), or the sidecar never verifies the server's certificate: anyone on " +
    "the path can pose as the server. It cannot see what a credential Secret holds.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isDestinationRule(object)) {
      return [];
    }
    const spec = specOf(object);
    const hasSelector = spec.workloadSelector !== undefined && spec.workloadSelector !== null;
    const policy = dict(spec.trafficPolicy);
    const host = typeof spec.host === "string" ? spec.host : "its host";
    const problems: string[] = [];
    const destination = unverified(dict(policy.tls), hasSelector);
    if (destination) {
      problems.push(
        `trafficPolicy.tls originates ${destination} TLS to ${host} without caCertificates: the server's certificate is never verified (IST0128)`,
      );
    }
    list(policy.portLevelSettings).forEach((entry, i) => {
      const settings = dict(entry);
      const mode = unverified(dict(settings.tls), hasSelector);
      if (mode) {
        const port = dict(settings.port).number;
        problems.push(
          `trafficPolicy.portLevelSettings[${i}].tls originates ${mode} TLS to ${host}${typeof port === "number" ? ` port ${port}` : ""} without caCertificates: the server's certificate is never verified (IST0129)`,
        );
      }
    });
    return problems;
  },
};
