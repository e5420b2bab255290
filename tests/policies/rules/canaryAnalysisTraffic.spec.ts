import { strict as assert } from "node:assert";
import { canaryAnalysisTraffic } from "../../../policies/rules/canaryAnalysisTraffic";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateObject, validObject, withField } from "../policyHarness";

const LOADTESTER = "http://flagger-loadtester.test/";

/** The fixture's cart Canary (shop, port 8080) turned into the strategy's analysis, with these load-test commands. */
function canary(strategy: "blueGreen" | "mirroring" | "abTest" | "weighted", ...commands: string[]): K8sObject {
  let object = validObject("Canary", "cart");
  if (strategy !== "weighted") {
    for (const field of ["maxWeight", "stepWeights"]) {
      object = withField(object, `spec.analysis.${field}`, undefined);
    }
    object = withField(object, "spec.analysis.iterations", 5);
  }
  if (strategy === "mirroring") {
    object = withField(object, "spec.analysis.mirror", true);
  }
  if (strategy === "abTest") {
    object = withField(object, "spec.analysis.match", [
      { headers: { "x-canary": { exact: "true" } } },
      { headers: { cookie: { regex: "^(.*?;)?(canary=always)(;.*)?$" } } },
    ]);
  }
  return withField(object, "spec.analysis.webhooks", [
    {
      name: "smoke",
      type: "pre-rollout",
      url: LOADTESTER,
      metadata: { type: "bash", cmd: "curl -sf http://cart-canary.shop:8080/healthz" },
    },
    ...commands.map((cmd, i) => ({ name: `load-${i}`, type: "rollout", url: LOADTESTER, metadata: { type: "cmd", cmd } })),
  ]);
}

const check = (object: K8sObject) => validateObject(canaryAnalysisTraffic, object);

describe("canary-analysis-traffic", () => {
  it("is mandatory", () => {
    assert.equal(canaryAnalysisTraffic.enforcementLevel, "mandatory");
  });

  it("passes each strategy whose load test calls the canary, and a weighted canary with none", () => {
    assert.deepEqual(check(validObject("Canary", "cart")), []);
    assert.deepEqual(check(canary("weighted")), []);
    assert.deepEqual(check(canary("blueGreen", "hey -z 1m -q 10 -c 2 http://cart-canary.shop:8080/")), []);
    assert.deepEqual(check(canary("mirroring", "hey -z 1m http://cart-canary.shop.svc.cluster.local:8080/")), []);
    assert.deepEqual(check(canary("mirroring")), [], "mirroring copies users' requests");
    assert.deepEqual(check(canary("abTest", "hey -z 1m -H 'x-canary: true' http://cart-canary.shop:8080/")), []);
    assert.deepEqual(check(canary("abTest", "curl -sf -b canary=always http://cart-canary.shop:8080/")), [], "the cookie is the match too");
    assert.deepEqual(
      check(canary("abTest", "hey -H 'x-canary: true' http://cart.shop:8080/")),
      [],
      "the apex takes the A/B route in the mesh",
    );
  });

  it("refuses a blue/green canary without a load test", () => {
    assert.deepEqual(check(canary("blueGreen")), [
      "Canary shop/cart: a blue/green analysis sends the canary no user requests, and there is no load test (analysis.webhooks, " +
        "type rollout) to send any: every check would find no data and the rollout would be rolled back; add one that calls " +
        "cart-canary.shop:8080",
    ]);
  });

  it("refuses a blue/green or mirroring load test aimed at <name>, at the primary, without a namespace or on another port", () => {
    const miss = (why: string) => [`Canary shop/cart: the load test (analysis.webhooks, type rollout) does not reach the canary: ${why}`];
    assert.deepEqual(
      check(canary("blueGreen", "hey -z 1m http://cart.shop:8080/")),
      miss("cart.shop:8080 sends every request to the primary during a blue/green analysis: call cart-canary.shop:8080"),
    );
    assert.deepEqual(
      check(canary("mirroring", "hey -z 1m http://cart.shop:8080/")),
      miss("cart.shop:8080 sends every request to the primary during a mirroring analysis: call cart-canary.shop:8080"),
    );
    assert.deepEqual(
      check(canary("blueGreen", "hey http://cart-primary.shop:8080/")),
      miss("cart-primary.shop:8080 is the primary, which runs the previous version: call cart-canary.shop:8080"),
    );
    assert.deepEqual(
      check(canary("blueGreen", "hey http://cart-canary:8080/")),
      miss(
        "cart-canary:8080 names no namespace, so it resolves in the load tester's namespace (test), not in shop: call cart-canary.shop:8080",
      ),
    );
    assert.deepEqual(
      check(canary("blueGreen", "hey http://cart-canary.shop/")),
      miss("cart-canary.shop:80 is the wrong port: cart-canary listens on 8080"),
    );
    assert.deepEqual(
      check(canary("blueGreen", "hey http://search-api-canary.search:9090/")),
      miss("search-api-canary.search:9090 is not cart's canary: call cart-canary.shop:8080"),
    );
  });

  it("refuses an A/B load test without the match, and accepts it with the header or the cookie", () => {
    assert.deepEqual(check(canary("abTest", "hey -z 1m http://cart-canary.shop:8080/")), [
      "Canary shop/cart: the load test (analysis.webhooks, type rollout) calls http://cart-canary.shop:8080/ without the A/B test's " +
        "match (header x-canary: true, or a cookie matching ^(.*?;)?(canary=always)(;.*)?$): an A/B load test sends what takes " +
        "matched users to the canary (hey -H, curl -H or -b)",
    ]);
    assert.equal(check(canary("abTest", "hey -H 'x-canary: false' http://cart-canary.shop:8080/")).length, 1);
    assert.deepEqual(
      check(canary("abTest", "curl -sfH 'X-Canary: true' http://cart-canary.shop:8080/")),
      [],
      "header names are case-insensitive",
    );
    assert.deepEqual(
      check(canary("abTest", "curl -sfH 'x-canary: true' https://shop.example.com/cart/items")),
      [],
      "a public host of its route",
    );
    assert.deepEqual(check(canary("abTest", "curl -sfH 'x-canary: true' https://shop.example.com/orders")), [
      "Canary shop/cart: the load test (analysis.webhooks, type rollout) does not reach the canary: https://shop.example.com/orders " +
        "is outside /cart, the path the canary's route serves on shop.example.com",
    ]);
  });

  it("judges nothing it cannot read (canary-webhooks says so)", () => {
    assert.deepEqual(check(canary("blueGreen", "ghz --insecure cart-canary.shop:8080")), []);
    assert.deepEqual(check(canary("blueGreen", "hey $TARGET")), []);
  });
});
