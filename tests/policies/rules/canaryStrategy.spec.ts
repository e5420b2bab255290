import { strict as assert } from "node:assert";
import { canaryStrategy } from "../../../policies/rules/canaryStrategy";
import { validateObject, validObject, withField } from "../policyHarness";

const weighted = () => validObject("Canary", "cart"); // stepWeights up to maxWeight 40
const abTest = () => validObject("Canary", "search-api"); // iterations and a match
const check = (object = weighted()) => validateObject(canaryStrategy, object);
const without = (object: ReturnType<typeof weighted>, ...paths: string[]) =>
  paths.reduce((o, path) => withField(o, path, undefined), object);

describe("canary-strategy", () => {
  it("passes a weighted canary, an A/B test, blue/green, mirroring with iterations and session affinity with weights", () => {
    assert.deepEqual(check(), []);
    assert.deepEqual(check(abTest()), []);
    assert.deepEqual(check(without(abTest(), "spec.analysis.match")), []);
    assert.deepEqual(
      check(withField(withField(without(abTest(), "spec.analysis.match"), "spec.analysis.mirror", true), "spec.analysis.mirrorWeight", 50)),
      [],
    );
    assert.deepEqual(check(withField(weighted(), "spec.analysis.sessionAffinity", { cookieName: "flagger-cookie", maxAge: 60 })), []);
  });

  it("flags mirroring without iterations, and mirroring with weights", () => {
    assert.deepEqual(check(withField(weighted(), "spec.analysis.mirror", true)), [
      "Canary shop/cart: analysis.mirror is set without analysis.iterations: Flagger mirrors traffic only in an iterations (blue/green) analysis",
      "Canary shop/cart: analysis.mirror is set with maxWeight, stepWeights: mirroring shifts no weights; drop them or the mirror",
    ]);
  });

  it("flags a mirror weight without mirroring", () => {
    assert.deepEqual(check(withField(without(abTest(), "spec.analysis.match"), "spec.analysis.mirrorWeight", 50)), [
      "Canary search/search-api: analysis.mirrorWeight is set without analysis.mirror: true, so nothing is mirrored",
    ]);
  });

  it("flags an A/B match without iterations", () => {
    assert.deepEqual(check(withField(weighted(), "spec.analysis.match", [{ headers: { "x-canary": { exact: "true" } } }])), [
      "Canary shop/cart: analysis.match is set without analysis.iterations: an A/B test runs for a number of iterations",
    ]);
  });

  it("flags session affinity without weights", () => {
    assert.deepEqual(check(withField(abTest(), "spec.analysis.sessionAffinity", { cookieName: "c" })), [
      "Canary search/search-api: analysis.sessionAffinity is set without weights (maxWeight and stepWeight or stepWeights): it only pins users during a weighted rollout",
    ]);
  });
});
