import { strict as assert } from "node:assert";
import { canaryWebhooks } from "../../../policies/rules/canaryWebhooks";
import { validateObject, validObject, withField } from "../policyHarness";

describe("canary-webhooks (advisory)", () => {
  it("passes a canary with a smoke test and a load test", () => {
    assert.deepEqual(validateObject(canaryWebhooks, validObject("Canary", "cart")), []);
    assert.equal(canaryWebhooks.enforcementLevel, "advisory");
  });

  it("names each missing webhook, and an A/B test that relies on users sending the match", () => {
    assert.deepEqual(validateObject(canaryWebhooks, validObject("Canary", "search-api")), [
      "Canary search/search-api: analysis.webhooks has no pre-rollout (smoke test) webhook",
      "Canary search/search-api: analysis.webhooks has no rollout (load test) webhook",
      "Canary search/search-api: the A/B analysis relies on users who send the match (header x-canary: true, or a cookie matching " +
        "^(.*?;)?(canary=always)(;.*)?$); without them it has no data and rolls back: a load test (analysis.webhooks, type rollout) " +
        "that sends the match keeps it fed",
    ]);
    const onlySmoke = withField(validObject("Canary", "cart"), "spec.analysis.webhooks", [
      { name: "s", type: "pre-rollout", url: "http://x/" },
    ]);
    assert.deepEqual(validateObject(canaryWebhooks, onlySmoke), ["Canary shop/cart: analysis.webhooks has no rollout (load test) webhook"]);
  });

  it("says plainly when it cannot tell where a load test sends its requests", () => {
    const webhooks = (metadata: Record<string, string>) =>
      withField(validObject("Canary", "cart"), "spec.analysis.webhooks", [
        { name: "smoke", type: "pre-rollout", url: "http://flagger-loadtester.test/" },
        { name: "load", type: "rollout", url: "http://flagger-loadtester.test/", metadata },
      ]);
    assert.deepEqual(validateObject(canaryWebhooks, webhooks({ type: "cmd", cmd: "ghz --insecure cart-canary.shop:8080" })), [
      "Canary shop/cart: cannot tell whether the load test (analysis.webhooks, type rollout: ghz --insecure cart-canary.shop:8080) " +
        "reaches the canary: it runs ghz, and this check reads only hey and curl",
    ]);
    assert.deepEqual(validateObject(canaryWebhooks, webhooks({ type: "ngrinder", server: "http://ngrinder" })), [
      "Canary shop/cart: cannot tell whether the load test reaches the canary: the rollout webhook load runs a ngrinder task, not a command",
    ]);
  });

  it("warns of a weighted canary's load test that misses it: users' requests still reach the canary", () => {
    const missing = withField(validObject("Canary", "cart"), "spec.analysis.webhooks", [
      { name: "smoke", type: "pre-rollout", url: "http://flagger-loadtester.test/" },
      {
        name: "load",
        type: "rollout",
        url: "http://flagger-loadtester.test/",
        metadata: { cmd: "hey -z 1m http://cart-primary.shop:8080/" },
      },
    ]);
    assert.deepEqual(validateObject(canaryWebhooks, missing), [
      "Canary shop/cart: the load test (analysis.webhooks, type rollout) does not reach the canary: cart-primary.shop:8080 is the " +
        "primary, which runs the previous version: call cart-canary.shop:8080",
    ]);
  });
});
