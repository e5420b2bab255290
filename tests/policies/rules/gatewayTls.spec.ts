import { strict as assert } from "node:assert";
import { gatewayTls } from "../../../policies/rules/gatewayTls";
import { validateObject, validObject, withField } from "../policyHarness";

const gateway = () => validObject("Gateway", "public");
const withTls = (tls: unknown, protocol = "HTTPS") =>
  withField(withField(gateway(), "spec.servers.0.tls", tls), "spec.servers.0.port.protocol", protocol);
const problems = (tls: unknown, protocol?: string) => validateObject(gatewayTls, withTls(tls, protocol));

describe("gateway-tls", () => {
  it("passes HTTPS with a certificate and HTTP that only redirects", () => {
    assert.deepEqual(validateObject(gatewayTls, gateway()), []);
  });

  it("flags plain HTTP that does not redirect, or that carries certificates", () => {
    assert.deepEqual(validateObject(gatewayTls, withField(gateway(), "spec.servers.1.tls", undefined)), [
      "Gateway edge/public: servers[1] serves HTTP in plain text: set tls.httpsRedirect so clients are sent to HTTPS",
    ]);
    assert.deepEqual(
      validateObject(gatewayTls, withField(gateway(), "spec.servers.1.tls", { httpsRedirect: true, serverCertificate: "/c.pem" })),
      ["Gateway edge/public: servers[1] is plain-text HTTP with certificates: Istio takes no TLS settings but a redirect on it"],
    );
  });

  it("flags HTTPS or TLS without tls, HTTPS without a mode, and tls on another protocol; passthrough needs no certificate", () => {
    assert.deepEqual(problems(undefined), ["Gateway edge/public: servers[0] is HTTPS without tls: Istio refuses it"]);
    assert.deepEqual(problems(undefined, "TLS"), ["Gateway edge/public: servers[0] is TLS without tls: Istio refuses it"]);
    assert.deepEqual(problems({}), ["Gateway edge/public: servers[0] is HTTPS without a tls.mode"]);
    assert.deepEqual(problems({ mode: "SIMPLE", credentialName: "x" }, "TCP"), [
      "Gateway edge/public: servers[0] is TCP with tls: Istio takes TLS settings on HTTPS and TLS servers only",
    ]);
    assert.deepEqual(problems({ mode: "PASSTHROUGH" }), []);
    assert.deepEqual(problems({ mode: "AUTO_PASSTHROUGH" }, "TLS"), []);
  });

  it("takes SIMPLE with a credential, or a certificate with its key, and flags half a pair or none", () => {
    assert.deepEqual(problems({ mode: "SIMPLE", credentialNames: ["rsa", "ecdsa"] }), []);
    assert.deepEqual(problems({ mode: "SIMPLE", serverCertificate: "/c.pem", privateKey: "/k.pem" }), []);
    assert.deepEqual(problems({ mode: "SIMPLE", serverCertificate: "/c.pem" }), [
      "Gateway edge/public: servers[0].tls has a serverCertificate but no privateKey: Istio refuses SIMPLE TLS without both",
    ]);
    assert.deepEqual(problems({ mode: "SIMPLE", privateKey: "/k.pem" }), [
      "Gateway edge/public: servers[0].tls has a privateKey but no serverCertificate: Istio refuses SIMPLE TLS without both",
    ]);
    assert.deepEqual(problems({ mode: "SIMPLE" }), [
      "Gateway edge/public: servers[0].tls terminates TLS (SIMPLE) without a certificate: set tls.credentialName",
    ]);
    assert.deepEqual(problems({ mode: "SIMPLE", credentialName: "x", serverCertificate: "/c.pem", privateKey: "/k.pem" }), [
      "Gateway edge/public: servers[0].tls sets credentialName and serverCertificate/privateKey: Istio takes one certificate source only",
    ]);
  });

  it("needs a client CA for MUTUAL with files or tlsCertificates, but not with a credential, which holds it", () => {
    const pairs = { tlsCertificates: [{ serverCertificate: "/rsa.pem", privateKey: "/rsa.key" }, { serverCertificate: "/ec.pem" }] };
    assert.deepEqual(problems({ mode: "MUTUAL", caCertificates: "/ca.pem", tlsCertificates: pairs.tlsCertificates.slice(0, 1) }), []);
    assert.deepEqual(problems({ mode: "MUTUAL", ...pairs }), [
      "Gateway edge/public: servers[0].tls is MUTUAL without caCertificates: Istio needs a client CA to check client certificates against",
      "Gateway edge/public: servers[0].tls.tlsCertificates[1] has a serverCertificate but no privateKey: Istio refuses MUTUAL TLS without both",
    ]);
    assert.deepEqual(problems({ mode: "OPTIONAL_MUTUAL", credentialName: "x" }), []);
  });

  it("refuses certificates on ISTIO_MUTUAL, whose certificate is the mesh identity", () => {
    assert.deepEqual(problems({ mode: "ISTIO_MUTUAL" }), []);
    assert.deepEqual(problems({ mode: "ISTIO_MUTUAL", credentialName: "x" }), [
      "Gateway edge/public: servers[0].tls is ISTIO_MUTUAL with certificates of its own: Istio refuses them, the mesh's identity is its certificate",
    ]);
  });
});
