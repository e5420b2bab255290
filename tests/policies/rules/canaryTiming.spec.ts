import { strict as assert } from "node:assert";
import { canaryTiming } from "../../../policies/rules/canaryTiming";
import { validateObject, validObject, withField } from "../policyHarness";

const cart = () => validObject("Canary", "cart"); // 4 steps of 30s, threshold 4
const check = (object = cart(), config = {}) => validateObject(canaryTiming, object, config);

describe("canary-timing", () => {
  it("passes a canary that rolls back within 10 minutes and promotes within an hour", () => {
    assert.deepEqual(check(), []);
    assert.deepEqual(check(validObject("Canary", "search-api")), []);
  });

  it("flags a rollback slower than the bound (threshold x interval)", () => {
    const slow = withField(withField(cart(), "spec.analysis.interval", "5m"), "spec.analysis.threshold", 3);
    assert.deepEqual(check(slow), [
      "Canary shop/cart: a failing canary is rolled back only after 15m (threshold 3 x interval 5m), more than 10m",
    ]);
    assert.deepEqual(check(slow, { maxRollbackSeconds: 900 }), []);
  });

  it("flags a promotion slower than the bound", () => {
    const long = withField(withField(cart(), "spec.analysis.stepWeights", undefined), "spec.analysis.stepWeight", 1);
    // 40 steps of 1 % plus the promotion interval, 30 s each: 20m30s
    assert.deepEqual(check(long, { maxPromotionSeconds: 1200 }), [
      "Canary shop/cart: a healthy canary is promoted only after 20m30s, more than 20m",
    ]);
  });

  it("reports a canary whose schedule cannot be computed", () => {
    assert.deepEqual(check(withField(cart(), "spec.analysis.interval", "soon")), [
      'Canary shop/cart: cannot compute the rollout: analysis.interval "soon" is not a duration',
    ]);
  });

  it("times every strategy: iterations for blue/green, A/B and mirroring, weights for session affinity", () => {
    const iterations = (extra: Record<string, unknown>) =>
      Object.entries(extra).reduce(
        (o, [path, value]) => withField(o, path, value),
        withField(
          withField(withField(cart(), "spec.analysis.stepWeights", undefined), "spec.analysis.maxWeight", undefined),
          "spec.analysis.iterations",
          150,
        ),
      );
    // 150 iterations of 30 s: promoted after 151 intervals, 75m30s; the threshold of 4 still rolls back within 2m.
    for (const [strategy, extra] of [
      ["blue/green", {}],
      ["A/B", { "spec.analysis.match": [{ headers: { "x-canary": { exact: "true" } } }] }],
      ["mirroring", { "spec.analysis.mirror": true }],
    ] as const) {
      assert.deepEqual(
        check(iterations(extra)),
        ["Canary shop/cart: a healthy canary is promoted only after 75m30s, more than 60m"],
        strategy,
      );
    }
    const sticky = withField(withField(cart(), "spec.analysis.sessionAffinity", { cookieName: "c" }), "spec.analysis.threshold", 30);
    assert.deepEqual(check(sticky), [
      "Canary shop/cart: a failing canary is rolled back only after 15m (threshold 30 x interval 30s), more than 10m",
    ]);
  });
});
