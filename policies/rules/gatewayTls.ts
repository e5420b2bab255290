import { dict, isGateway, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

/** TLS modes in which the gateway terminates TLS with a certificate of its own. */
const TERMINATING = new Set(["SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL"]);

export const gatewayTls: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "gateway-tls",
  description:
    "A Gateway server faces clients outside the mesh: HTTP must only redirect to HTTPS, and HTTPS must terminate TLS with a " +
    "certificate (credentialName), or traffic and credentials cross the network in plain text.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isGateway(object)) {
      return [];
    }
    const problems: string[] = [];
    list(specOf(object).servers).forEach((entry, i) => {
      const server = dict(entry);
      const declared = dict(server.port).protocol;
      const protocol = typeof declared === "string" ? declared.toUpperCase() : "";
      const tls = dict(server.tls);
      if ((protocol === "HTTP" || protocol === "HTTP2") && tls.httpsRedirect !== true) {
        problems.push(`servers[${i}] serves ${protocol} in plain text: set tls.httpsRedirect so clients are sent to HTTPS`);
      } else if (protocol === "HTTPS") {
        if (typeof tls.mode !== "string") {
          problems.push(`servers[${i}] is HTTPS without a tls.mode`);
        } else if (TERMINATING.has(tls.mode) && !tls.credentialName && list(tls.credentialNames).length === 0 && !tls.serverCertificate) {
          problems.push(`servers[${i}] terminates TLS (${tls.mode}) without a certificate: set tls.credentialName`);
        }
      }
    });
    return problems;
  },
};
