import { strict as assert } from "node:assert";
import { canaryWebhooks } from "../../../policies/rules/canaryWebhooks";
import { validateObject, validObject, withField } from "../policyHarness";

describe("canary-webhooks (advisory)", () => {
  it("passes a canary with a smoke test and a load test", () => {
    assert.deepEqual(validateObject(canaryWebhooks, validObject("Canary", "cart")), []);
    assert.equal(canaryWebhooks.enforcementLevel, "advisory");
  });

  it("names each missing webhook", () => {
    assert.deepEqual(validateObject(canaryWebhooks, validObject("Canary", "search-api")), [
      "Canary search/search-api: analysis.webhooks has no pre-rollout (smoke test) webhook",
      "Canary search/search-api: analysis.webhooks has no rollout (load test) webhook",
    ]);
    const onlySmoke = withField(validObject("Canary", "cart"), "spec.analysis.webhooks", [
      { name: "s", type: "pre-rollout", url: "http://x/" },
    ]);
    assert.deepEqual(validateObject(canaryWebhooks, onlySmoke), ["Canary shop/cart: analysis.webhooks has no rollout (load test) webhook"]);
  });
});
