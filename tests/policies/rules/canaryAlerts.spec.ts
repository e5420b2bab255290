import { strict as assert } from "node:assert";
import { canaryAlerts } from "../../../policies/rules/canaryAlerts";
import { validateObject, validObject } from "../policyHarness";

describe("canary-alerts (advisory)", () => {
  it("passes a canary with alerts and flags one without", () => {
    assert.deepEqual(validateObject(canaryAlerts, validObject("Canary", "cart")), []);
    assert.deepEqual(validateObject(canaryAlerts, validObject("Canary", "search-api")), [
      "Canary search/search-api: analysis.alerts is empty: nobody hears about a rollback",
    ]);
    assert.equal(canaryAlerts.enforcementLevel, "advisory");
  });
});
