import { strict as assert } from "node:assert";
import { circuitBreaker } from "../../../policies/rules/circuitBreaker";
import { validateObject, validObject, withField } from "../policyHarness";

const rule = () => validObject("DestinationRule", "checkout");
const cart = () => validObject("Canary", "cart");
const check = (object = rule(), config = {}) => validateObject(circuitBreaker, object, config);
const OD = "spec.trafficPolicy.outlierDetection";

describe("circuit-breaker", () => {
  it("passes a DestinationRule and a Canary with outlier detection and a bounded pool", () => {
    assert.deepEqual(check(), []);
    assert.deepEqual(check(cart()), []);
  });

  it("flags missing outlier detection, on a Canary's traffic policy too", () => {
    assert.deepEqual(check(withField(rule(), OD, undefined)), [
      "DestinationRule shop/checkout: trafficPolicy.outlierDetection is missing: failing endpoints are never ejected",
    ]);
    assert.deepEqual(check(withField(cart(), "spec.service.trafficPolicy.outlierDetection", undefined)), [
      "Canary shop/cart: service.trafficPolicy.outlierDetection is missing: failing endpoints are never ejected",
    ]);
  });

  it("keeps consecutive 5xx errors within 3..10, configurable", () => {
    assert.deepEqual(check(withField(rule(), `${OD}.consecutive5xxErrors`, 20)), [
      "DestinationRule shop/checkout: trafficPolicy.outlierDetection.consecutive5xxErrors 20 must be between 3 and 10",
    ]);
    assert.deepEqual(check(withField(rule(), `${OD}.consecutive5xxErrors`, 1)), [
      "DestinationRule shop/checkout: trafficPolicy.outlierDetection.consecutive5xxErrors 1 must be between 3 and 10",
    ]);
    assert.deepEqual(check(withField(rule(), `${OD}.consecutive5xxErrors`, 20), { maxConsecutive5xxErrors: 20 }), []);
  });

  it("flags the deprecated consecutiveErrors", () => {
    const legacy = withField(withField(rule(), `${OD}.consecutive5xxErrors`, undefined), `${OD}.consecutiveErrors`, 5);
    assert.deepEqual(check(legacy), [
      "DestinationRule shop/checkout: trafficPolicy.outlierDetection.consecutiveErrors is deprecated: use consecutive5xxErrors",
      "DestinationRule shop/checkout: trafficPolicy.outlierDetection.consecutive5xxErrors undefined must be between 3 and 10",
    ]);
  });

  it("caps maxEjectionPercent at 50 and requires it", () => {
    assert.deepEqual(check(withField(rule(), `${OD}.maxEjectionPercent`, 100)), [
      "DestinationRule shop/checkout: trafficPolicy.outlierDetection.maxEjectionPercent 100 must be at most 50",
    ]);
    assert.deepEqual(check(withField(rule(), `${OD}.maxEjectionPercent`, undefined)), [
      "DestinationRule shop/checkout: trafficPolicy.outlierDetection.maxEjectionPercent is not set: set it, at most 50, so the share of ejected endpoints is explicit",
    ]);
  });

  it("requires a base ejection time of at least 30s", () => {
    assert.deepEqual(check(withField(rule(), `${OD}.baseEjectionTime`, "10s")), [
      'DestinationRule shop/checkout: trafficPolicy.outlierDetection.baseEjectionTime "10s" must be at least 30s',
    ]);
  });

  it("requires at least one pool limit, each under its cap", () => {
    assert.deepEqual(check(withField(rule(), "spec.trafficPolicy.connectionPool", undefined)), [
      "DestinationRule shop/checkout: trafficPolicy.connectionPool sets none of tcp.maxConnections, http.http1MaxPendingRequests, http.http2MaxRequests: the pool is unbounded",
    ]);
    assert.deepEqual(check(withField(rule(), "spec.trafficPolicy.connectionPool.tcp.maxConnections", 50000)), [
      "DestinationRule shop/checkout: trafficPolicy.connectionPool.tcp.maxConnections 50000 exceeds 10000",
    ]);
    assert.deepEqual(check(withField(cart(), "spec.service.trafficPolicy.connectionPool.http.http2MaxRequests", 200000)), [
      "Canary shop/cart: service.trafficPolicy.connectionPool.http.http2MaxRequests 200000 exceeds 100000",
    ]);
  });

  it("ignores other kinds", () => {
    assert.deepEqual(check(validObject("VirtualService", "checkout")), []);
  });
});
