import { strict as assert } from "node:assert";
import { staticSplit } from "../../../policies/rules/staticSplit";
import { validateObject, validObject, withField } from "../policyHarness";

const routes = () => validObject("VirtualService", "checkout"); // header route, then 90/10
const check = (object = routes(), config = {}) => validateObject(staticSplit, object, config);

describe("static-split", () => {
  it("passes a 90/10 split and an unweighted header route", () => {
    assert.deepEqual(check(), []);
  });

  it("flags negative weights and totals other than 100", () => {
    const negative = withField(withField(routes(), "spec.http.1.route.0.weight", 110), "spec.http.1.route.1.weight", -10);
    assert.deepEqual(check(negative), [
      "VirtualService shop/checkout: http[1] (weighted-split).route[1].weight -10 must be a non-negative number",
    ]);
    assert.deepEqual(check(withField(routes(), "spec.http.1.route.0.weight", 80)), [
      "VirtualService shop/checkout: http[1] (weighted-split) weights total 90, not 100",
    ]);
  });

  it("caps the canary share at the canary maxWeight, configurable", () => {
    const heavy = withField(withField(routes(), "spec.http.1.route.0.weight", 40), "spec.http.1.route.1.weight", 60);
    assert.deepEqual(check(heavy), ["VirtualService shop/checkout: http[1] (weighted-split) sends 60% to the canary, more than 50%"]);
    assert.deepEqual(check(heavy, { maxCanaryWeight: 60 }), []);
  });

  it("ignores other kinds", () => {
    assert.deepEqual(check(validObject("DestinationRule", "checkout")), []);
  });
});
