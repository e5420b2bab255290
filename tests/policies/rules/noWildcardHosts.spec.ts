import { strict as assert } from "node:assert";
import { noWildcardHosts } from "../../../policies/rules/noWildcardHosts";
import { validateObject, validObject, withField } from "../policyHarness";

describe("no-wildcard-hosts", () => {
  it("passes named hosts and flags wildcards", () => {
    const routes = validObject("VirtualService", "checkout");
    assert.deepEqual(validateObject(noWildcardHosts, routes), []);
    assert.deepEqual(validateObject(noWildcardHosts, withField(routes, "spec.hosts", ["*.shop.svc.cluster.local"])), [
      'VirtualService shop/checkout: host "*.shop.svc.cluster.local" is a wildcard',
    ]);
  });
});
