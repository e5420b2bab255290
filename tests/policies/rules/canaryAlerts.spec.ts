import { strict as assert } from "node:assert";
import { canaryAlerts } from "../../../policies/rules/canaryAlerts";
import { validateObject, validObject, withField } from "../policyHarness";

describe("canary-alerts (advisory)", () => {
  it("passes a canary with alerts and flags one without", () => {
    assert.deepEqual(validateObject(canaryAlerts, validObject("Canary", "cart")), []);
    assert.deepEqual(validateObject(canaryAlerts, validObject("Canary", "search-api")), [
      "Canary search/search-api: analysis.alerts is empty: nobody hears about a rollback",
    ]);
    assert.equal(canaryAlerts.enforcementLevel, "advisory");
  });

  it("flags alerts of which none carries severity error", () => {
    const infoOnly = withField(validObject("Canary", "cart"), "spec.analysis.alerts", [
      { name: "deploys-info", severity: "info", providerRef: { name: "deploys" } },
    ]);
    assert.deepEqual(validateObject(canaryAlerts, infoOnly), [
      "Canary shop/cart: analysis.alerts has no alert of severity error: a rollback reaches no one on call",
    ]);
  });
});
