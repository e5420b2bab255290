import { strict as assert } from "node:assert";
import { gatewayTls } from "../../../policies/rules/gatewayTls";
import { validateObject, validObject, withField } from "../policyHarness";

const gateway = () => validObject("Gateway", "public");

describe("gateway-tls", () => {
  it("passes HTTPS with a certificate and HTTP that only redirects", () => {
    assert.deepEqual(validateObject(gatewayTls, gateway()), []);
  });

  it("flags plain HTTP that does not redirect", () => {
    assert.deepEqual(validateObject(gatewayTls, withField(gateway(), "spec.servers.1.tls", undefined)), [
      "Gateway edge/public: servers[1] serves HTTP in plain text: set tls.httpsRedirect so clients are sent to HTTPS",
    ]);
  });

  it("flags HTTPS without a TLS mode, or terminating without a certificate; passthrough needs none", () => {
    assert.deepEqual(validateObject(gatewayTls, withField(gateway(), "spec.servers.0.tls", undefined)), [
      "Gateway edge/public: servers[0] is HTTPS without a tls.mode",
    ]);
    assert.deepEqual(validateObject(gatewayTls, withField(gateway(), "spec.servers.0.tls.credentialName", undefined)), [
      "Gateway edge/public: servers[0] terminates TLS (SIMPLE) without a certificate: set tls.credentialName",
    ]);
    assert.deepEqual(validateObject(gatewayTls, withField(gateway(), "spec.servers.0.tls", { mode: "PASSTHROUGH" })), []);
  });
});
