import { strict as assert } from "node:assert";
import { destinationRuleTls } from "../../../policies/rules/destinationRuleTls";
import { validateObject, validObject, withField } from "../policyHarness";

describe("destination-rule-tls", () => {
  it("passes ISTIO_MUTUAL and flags DISABLE at the top, per subset and per port", () => {
    const rule = validObject("DestinationRule", "checkout");
    assert.deepEqual(validateObject(destinationRuleTls, rule), []);
    assert.deepEqual(validateObject(destinationRuleTls, withField(rule, "spec.trafficPolicy.tls.mode", "DISABLE")), [
      "DestinationRule shop/checkout: trafficPolicy.tls.mode is DISABLE: traffic to this host would be plain text",
    ]);
    assert.deepEqual(validateObject(destinationRuleTls, withField(rule, "spec.subsets.1.trafficPolicy", { tls: { mode: "DISABLE" } })), [
      "DestinationRule shop/checkout: subsets[1].trafficPolicy.tls.mode is DISABLE: traffic to this host would be plain text",
    ]);
    assert.deepEqual(
      validateObject(
        destinationRuleTls,
        withField(rule, "spec.trafficPolicy.portLevelSettings", [{ port: { number: 80 }, tls: { mode: "DISABLE" } }]),
      ),
      ["DestinationRule shop/checkout: trafficPolicy.portLevelSettings[0].tls.mode is DISABLE: traffic to this host would be plain text"],
    );
  });
});
