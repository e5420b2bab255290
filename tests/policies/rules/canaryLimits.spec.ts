import { strict as assert } from "node:assert";
import { canaryLimits } from "../../../policies/rules/canaryLimits";
import { validateObject, validObject, withField } from "../policyHarness";

const cart = () => validObject("Canary", "cart"); // stepWeights 5/10/20/40, maxWeight 40, 30s, threshold 4
const weighted = () => withField(withField(cart(), "spec.analysis.stepWeights", undefined), "spec.analysis.stepWeight", 10);
const check = (object = cart(), config = {}) => validateObject(canaryLimits, object, config);

describe("canary-limits", () => {
  it("passes canaries within every limit, weighted by steps or by a list", () => {
    assert.deepEqual(check(), []);
    assert.deepEqual(check(weighted()), []);
  });

  it("passes an A/B canary without weights", () => {
    assert.deepEqual(check(validObject("Canary", "search-api")), []);
  });

  it("ignores objects that are not Canaries", () => {
    assert.deepEqual(check(validObject("VirtualService", "checkout")), []);
  });

  it("flags maxWeight above the limit, and honours a configured limit", () => {
    const heavy = withField(weighted(), "spec.analysis.maxWeight", 80);
    assert.deepEqual(check(heavy), [
      "Canary shop/cart: analysis.maxWeight 80 exceeds 50: a failing canary could take that share of traffic",
    ]);
    assert.deepEqual(check(heavy, { maxWeight: 80 }), []);
  });

  it("flags a missing maxWeight", () => {
    assert.deepEqual(check(withField(weighted(), "spec.analysis.maxWeight", undefined)), [
      "Canary shop/cart: analysis.maxWeight undefined is required for a weighted rollout",
    ]);
  });

  it("flags a zero step and a step above maxWeight", () => {
    assert.deepEqual(check(withField(weighted(), "spec.analysis.stepWeight", 0)), [
      "Canary shop/cart: analysis.stepWeight 0 must be greater than 0",
    ]);
    assert.deepEqual(check(withField(weighted(), "spec.analysis.stepWeight", 45)), [
      "Canary shop/cart: analysis.stepWeight 45 must not exceed maxWeight (40)",
    ]);
  });

  it("flags stepWeights that do not increase or exceed maxWeight", () => {
    assert.deepEqual(check(withField(cart(), "spec.analysis.stepWeights", [10, 5, 45])), [
      "Canary shop/cart: analysis.stepWeights[1] 5 must be greater than the step before it",
      "Canary shop/cart: analysis.stepWeights[2] 45 must not exceed maxWeight (40)",
    ]);
  });

  it("flags both stepWeight and stepWeights at once, as the stack config does", () => {
    assert.deepEqual(check(withField(cart(), "spec.analysis.stepWeight", 10)), [
      "Canary shop/cart: analysis.stepWeight 10 set exactly one of stepWeight and stepWeights",
    ]);
  });

  it("flags a threshold outside 1..10", () => {
    assert.deepEqual(check(withField(cart(), "spec.analysis.threshold", 11)), [
      "Canary shop/cart: analysis.threshold 11 must be between 1 and 10",
    ]);
    assert.deepEqual(check(withField(cart(), "spec.analysis.threshold", 0)), [
      "Canary shop/cart: analysis.threshold 0 must be between 1 and 10",
    ]);
  });

  it("flags an interval that is too short or not a duration", () => {
    assert.deepEqual(check(withField(cart(), "spec.analysis.interval", "10s")), [
      "Canary shop/cart: analysis.interval 10s is shorter than 30s: too few requests per check to judge the canary",
    ]);
    assert.deepEqual(check(withField(cart(), "spec.analysis.interval", "30")), [
      'Canary shop/cart: analysis.interval "30" is not a duration such as 1m or 30s',
    ]);
  });

  it("requires a success-rate check of at least 99 %", () => {
    const metrics = cart().spec as any;
    const withoutSuccess = withField(
      cart(),
      "spec.analysis.metrics",
      metrics.analysis.metrics.filter((m: any) => m.name !== "request-success-rate"),
    );
    assert.deepEqual(check(withoutSuccess), ["Canary shop/cart: analysis.metrics has no request-success-rate check"]);
    assert.deepEqual(check(withField(cart(), "spec.analysis.metrics.0.thresholdRange.min", 95)), [
      "Canary shop/cart: request-success-rate thresholdRange.min 95 must be at least 99",
    ]);
  });

  it("requires a P99 latency check of at most 500 ms", () => {
    const metrics = (cart().spec as any).analysis.metrics;
    const withoutLatency = withField(
      cart(),
      "spec.analysis.metrics",
      metrics.filter((m: any) => m.name !== "request-duration"),
    );
    assert.deepEqual(check(withoutLatency), ["Canary shop/cart: analysis.metrics has no request-duration (P99 latency) check"]);
    assert.deepEqual(check(withField(cart(), "spec.analysis.metrics.1.thresholdRange.max", 900)), [
      "Canary shop/cart: request-duration thresholdRange.max 900 must be at most 500 ms",
    ]);
  });
});
