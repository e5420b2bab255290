import { strict as assert } from "node:assert";
import { envoyFilterOperations } from "../../../policies/rules/envoyFilterOperations";
import { object } from "../objectsFixture";
import { validateObject, validObjects } from "../policyHarness";

const filter = (patches: Record<string, unknown>[], priority?: number) =>
  object("networking.istio.io/v1alpha3", "EnvoyFilter", "shop/f", {
    spec: { ...(priority === undefined ? {} : { priority }), configPatches: patches },
  });
const patch = (applyTo: string, operation: string, extra: Record<string, unknown> = {}) => ({
  applyTo,
  patch: { operation, value: {} },
  ...extra,
});

describe("envoy-filter-operations (IST0151 to IST0155)", () => {
  it("passes the stack's rate limits, absolute operations without a priority, and relative ones with one", () => {
    for (const o of validObjects()) {
      assert.deepEqual(validateObject(envoyFilterOperations, o), [], o.metadata.name);
    }
    assert.deepEqual(
      validateObject(
        envoyFilterOperations,
        filter([patch("HTTP_FILTER", "INSERT_FIRST"), patch("CLUSTER", "MERGE"), patch("LISTENER", "ADD")]),
      ),
      [],
    );
    assert.deepEqual(
      validateObject(envoyFilterOperations, filter([patch("HTTP_FILTER", "INSERT_BEFORE"), patch("HTTP_FILTER", "REPLACE")], 10)),
      [],
    );
  });

  it("flags ADD and REMOVE on routes, REPLACE elsewhere than filters and virtual hosts, and relative operations without a priority", () => {
    const patches = [
      patch("HTTP_ROUTE", "ADD"),
      patch("ROUTE_CONFIGURATION", "REMOVE"),
      patch("CLUSTER", "REPLACE"),
      patch("HTTP_FILTER", "INSERT_AFTER"),
      patch("NETWORK_FILTER", "REMOVE", { match: { proxy: { proxyVersion: "^1\\.30.*" } } }),
    ];
    assert.deepEqual(validateObject(envoyFilterOperations, filter(patches)), [
      "EnvoyFilter shop/f: configPatches[0]: ADD is ignored on HTTP_ROUTE (IST0153)",
      "EnvoyFilter shop/f: configPatches[1]: REMOVE is ignored on ROUTE_CONFIGURATION (IST0154)",
      "EnvoyFilter shop/f: configPatches[2]: REPLACE applies only to NETWORK_FILTER, HTTP_FILTER and VIRTUAL_HOST, not CLUSTER (IST0152)",
      "EnvoyFilter shop/f: configPatches[3]: INSERT_AFTER is placed relative to other filters, but the EnvoyFilter has no priority, so its order among EnvoyFilters is undefined (IST0151)",
      "EnvoyFilter shop/f: configPatches[4]: REMOVE is placed relative to other filters, but the EnvoyFilter has no priority, so its order among EnvoyFilters is undefined (IST0155)",
    ]);
  });

  it("stops at a patch without a patch, as istiod does", () => {
    assert.deepEqual(validateObject(envoyFilterOperations, filter([{ applyTo: "HTTP_FILTER" }, patch("HTTP_ROUTE", "ADD")])), []);
  });
});
