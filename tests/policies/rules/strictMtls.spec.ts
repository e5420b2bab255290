import { strict as assert } from "node:assert";
import { strictMtls } from "../../../policies/rules/strictMtls";
import { validateObject, validObjects, withField } from "../policyHarness";

const policyIn = (namespace: string, name: string) =>
  validObjects().find((o) => o.kind === "PeerAuthentication" && o.metadata.namespace === namespace && o.metadata.name === name)!;

describe("strict-mtls", () => {
  it("passes namespace-wide STRICT and the load tester's allowed exception", () => {
    assert.deepEqual(validateObject(strictMtls, policyIn("shop", "default")), []);
    assert.deepEqual(validateObject(strictMtls, policyIn("flagger-loadtester", "loadtester-webhooks")), []);
  });

  it("flags a namespace-wide relaxation", () => {
    const permissive = withField(policyIn("shop", "default"), "spec.mtls.mode", "PERMISSIVE");
    assert.deepEqual(validateObject(strictMtls, permissive), [
      "PeerAuthentication shop/default: mtls mode PERMISSIVE applies to the whole namespace; it must be STRICT",
    ]);
  });

  it("flags a workload exception that the config does not allow, and accepts it once allowed", () => {
    const exception = withField(policyIn("flagger-loadtester", "loadtester-webhooks"), "spec.selector.matchLabels", { app: "legacy" });
    assert.deepEqual(validateObject(strictMtls, exception), [
      'PeerAuthentication flagger-loadtester/loadtester-webhooks: mtls mode PERMISSIVE for workloads {"app":"legacy"}, which are not an allowed exception',
    ]);
    assert.deepEqual(validateObject(strictMtls, exception, { allowedExceptions: [{ app: "legacy" }] }), []);
  });

  it("flags portLevelMtls without a selector, and a relaxed port", () => {
    const ports = withField(policyIn("shop", "default"), "spec.portLevelMtls", { "8080": { mode: "DISABLE" } });
    assert.deepEqual(validateObject(strictMtls, ports), [
      "PeerAuthentication shop/default: portLevelMtls needs a workload selector; without one Istio ignores it",
      "PeerAuthentication shop/default: mtls mode DISABLE applies to the whole namespace; it must be STRICT",
    ]);
  });
});
