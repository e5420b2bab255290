import { dict, isGateway, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

/** Protocols Istio serves over TLS: such a server must have `tls`. */
const TLS_PROTOCOLS = new Set(["HTTPS", "TLS"]);
/** Plain-text HTTP protocols, whose only TLS setting may be a redirect to HTTPS. */
const HTTP_PROTOCOLS = new Set(["HTTP", "HTTP2", "GRPC", "GRPC-WEB"]);
/** Modes in which the gateway terminates TLS with a certificate of its own. */
const TERMINATING = new Set(["SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL"]);
/** Modes that also check a client certificate, against a client CA. */
const CLIENT_VERIFYING = new Set(["MUTUAL", "OPTIONAL_MUTUAL"]);

const text = (value: unknown) => (typeof value === "string" ? value : "");
const set = (value: unknown) => text(value) !== "";

/** Where a server's certificate comes from: a credential, files, or a list of certificate and key pairs. */
function certificateSources(tls: Record<string, unknown>): string[] {
  return [
    ...(set(tls.credentialName) ? ["credentialName"] : []),
    ...(list(tls.credentialNames).length > 0 ? ["credentialNames"] : []),
    ...(set(tls.serverCertificate) && set(tls.privateKey) ? ["serverCertificate/privateKey"] : []),
    ...(list(tls.tlsCertificates).length > 0 ? ["tlsCertificates"] : []),
  ];
}

/** What Istio's validation refuses in a terminating server's TLS, and what leaves its clients unchecked. */
function terminatingProblems(at: string, mode: string, tls: Record<string, unknown>): string[] {
  const sources = certificateSources(tls);
  if (sources.length > 1) {
    return [`${at}.tls sets ${sources.join(" and ")}: Istio takes one certificate source only`];
  }
  if (sources[0] === "credentialName" || sources[0] === "credentialNames") {
    return []; // the Secret holds the certificate, its key and (for MUTUAL) the client CA
  }
  const problems: string[] = [];
  if (CLIENT_VERIFYING.has(mode) && !set(tls.caCertificates)) {
    problems.push(`${at}.tls is ${mode} without caCertificates: Istio needs a client CA to check client certificates against`);
  }
  const pairs = list(tls.tlsCertificates).length > 0 ? list(tls.tlsCertificates).map(dict) : [tls];
  pairs.forEach((pair, i) => {
    const where = list(tls.tlsCertificates).length > 0 ? `${at}.tls.tlsCertificates[${i}]` : `${at}.tls`;
    if (!set(pair.serverCertificate) && !set(pair.privateKey)) {
      problems.push(`${where} terminates TLS (${mode}) without a certificate: set tls.credentialName`);
    } else if (!set(pair.serverCertificate)) {
      problems.push(`${where} has a privateKey but no serverCertificate: Istio refuses ${mode} TLS without both`);
    } else if (!set(pair.privateKey)) {
      problems.push(`${where} has a serverCertificate but no privateKey: Istio refuses ${mode} TLS without both`);
    }
  });
  return problems;
}

export const gatewayTls: ObjectRule<Record<string, never>> = {
  scope: "object",
  name: "gateway-tls",
  description:
    "A Gateway server faces clients outside the mesh. As Istio's validation: an HTTPS or TLS server needs tls; a terminating one " +
    "(SIMPLE, MUTUAL, OPTIONAL_MUTUAL) one certificate source, a credential or a certificate with its key, and MUTUAL a client CA; " +
    "ISTIO_MUTUAL takes no certificates; a plain-text server no TLS but a redirect. Stricter than Istio: HTTP must redirect to HTTPS, " +
    "and HTTPS must state its tls.mode (Istio's default is PASSTHROUGH). It cannot see what a credential Secret holds.",
  enforcementLevel: "mandatory",
  thresholds: {},
  check(object) {
    if (!isGateway(object)) {
      return [];
    }
    const problems: string[] = [];
    list(specOf(object).servers).forEach((entry, i) => {
      const server = dict(entry);
      const at = `servers[${i}]`;
      const protocol = text(dict(server.port).protocol).toUpperCase();
      const tls = server.tls === undefined ? undefined : dict(server.tls);
      if (HTTP_PROTOCOLS.has(protocol)) {
        if (tls?.httpsRedirect !== true) {
          problems.push(`${at} serves ${protocol} in plain text: set tls.httpsRedirect so clients are sent to HTTPS`);
        }
        if (tls && (set(tls.serverCertificate) || set(tls.privateKey) || set(tls.caCertificates))) {
          problems.push(`${at} is plain-text ${protocol} with certificates: Istio takes no TLS settings but a redirect on it`);
        }
        return;
      }
      if (!TLS_PROTOCOLS.has(protocol)) {
        if (tls) {
          problems.push(`${at} is ${protocol || "a protocol"} with tls: Istio takes TLS settings on HTTPS and TLS servers only`);
        }
        return;
      }
      if (!tls) {
        problems.push(`${at} is ${protocol} without tls: Istio refuses it`);
        return;
      }
      const mode = text(tls.mode);
      if (mode === "") {
        if (protocol === "HTTPS") {
          problems.push(`${at} is HTTPS without a tls.mode`);
        }
        return;
      }
      if (mode === "ISTIO_MUTUAL") {
        if (certificateSources(tls).length > 0 || set(tls.serverCertificate) || set(tls.privateKey) || set(tls.caCertificates)) {
          problems.push(
            `${at}.tls is ISTIO_MUTUAL with certificates of its own: Istio refuses them, the mesh's identity is its certificate`,
          );
        }
        return;
      }
      if (TERMINATING.has(mode)) {
        problems.push(...terminatingProblems(at, mode, tls));
      }
    });
    return problems;
  },
};
