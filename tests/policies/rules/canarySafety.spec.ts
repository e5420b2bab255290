import { strict as assert } from "node:assert";
import { canarySafety } from "../../../policies/rules/canarySafety";
import { validateObject, validObject, withField } from "../policyHarness";

const cart = () => validObject("Canary", "cart");
const check = (object = cart(), config = {}) => validateObject(canarySafety, object, config);

describe("canary-safety", () => {
  it("passes a Canary that reverts on deletion, has a bounded deadline and targets a Deployment", () => {
    assert.deepEqual(check(), []);
    assert.deepEqual(check(withField(cart(), "spec.progressDeadlineSeconds", undefined)), []);
  });

  it("flags a Canary that would leave its Deployment at zero replicas when deleted", () => {
    for (const value of [undefined, false]) {
      assert.deepEqual(check(withField(cart(), "spec.revertOnDeletion", value)), [
        "Canary shop/cart: revertOnDeletion is not true: deleting the Canary would leave the Deployment scaled to zero",
      ]);
    }
  });

  it("flags a progress deadline beyond the bound, which the policy config can raise", () => {
    const late = withField(cart(), "spec.progressDeadlineSeconds", 3600);
    assert.deepEqual(check(late), [
      "Canary shop/cart: progressDeadlineSeconds 3600 exceeds 1800: a stuck canary would be rolled back too late",
    ]);
    assert.deepEqual(check(late, { maxProgressDeadlineSeconds: 3600 }), []);
  });

  it("flags a StatefulSet target, which Flagger does not support", () => {
    assert.deepEqual(check(withField(cart(), "spec.targetRef.kind", "StatefulSet")), [
      'Canary shop/cart: targetRef.kind "StatefulSet" is not a kind Flagger can canary (Deployment, DaemonSet, Service)',
    ]);
  });
});
