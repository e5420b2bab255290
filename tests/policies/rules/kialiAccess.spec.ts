import { strict as assert } from "node:assert";
import { kialiAccess } from "../../../policies/rules/kialiAccess";
import { validateObject, validObject, withField } from "../policyHarness";

const kiali = () => validObject("Kiali", "kiali");
const check = (object = kiali(), config = {}) => validateObject(kialiAccess, object, config);

describe("kiali-access", () => {
  it("passes a view-only Kiali behind an identifying login", () => {
    assert.deepEqual(check(), []);
    assert.deepEqual(check(withField(kiali(), "spec.auth", { strategy: "token" })), []);
  });

  it("flags anonymous access and a login left to Kiali's platform default", () => {
    assert.deepEqual(check(withField(kiali(), "spec.auth", { strategy: "anonymous" })), [
      'Kiali istio-system/kiali: auth.strategy is "anonymous": anyone who reaches Kiali sees the whole mesh; use one of token, openid, openshift, header',
    ]);
    assert.deepEqual(check(withField(kiali(), "spec.auth", undefined)), [
      "Kiali istio-system/kiali: auth.strategy is not set, so it depends on the platform Kiali finds; set one of token, openid, openshift, header",
    ]);
  });

  it("flags a Kiali that can change the mesh, unless the policy config allows it", () => {
    const writable = withField(kiali(), "spec.deployment.view_only_mode", false);
    assert.deepEqual(check(writable), [
      "Kiali istio-system/kiali: deployment.view_only_mode is not true: Kiali's users could change Istio config outside the stack's review",
    ]);
    assert.deepEqual(check(writable, { requireViewOnly: false }), []);
  });

  it("judges only Kiali resources", () => {
    assert.deepEqual(check(validObject("Canary", "cart")), []);
  });
});
