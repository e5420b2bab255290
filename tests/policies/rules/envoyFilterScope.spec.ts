import { strict as assert } from "node:assert";
import { envoyFilterScope } from "../../../policies/rules/envoyFilterScope";
import { validateObject, validObject, withField } from "../policyHarness";

const filter = () => validObject("EnvoyFilter", "cart-ratelimit");

describe("envoy-filter-scope", () => {
  it("passes a rate limit scoped to its pods with a priority", () => {
    assert.deepEqual(validateObject(envoyFilterScope, filter()), []);
  });

  it("flags a filter without a workload selector", () => {
    assert.deepEqual(validateObject(envoyFilterScope, withField(filter(), "spec.workloadSelector", undefined)), [
      "EnvoyFilter shop/cart-ratelimit: has no workloadSelector: it patches every proxy of namespace shop",
    ]);
  });

  it("flags a filter without a priority", () => {
    assert.deepEqual(validateObject(envoyFilterScope, withField(filter(), "spec.priority", undefined)), [
      "EnvoyFilter shop/cart-ratelimit: has no priority: its order among other EnvoyFilters is undefined",
    ]);
  });
});
