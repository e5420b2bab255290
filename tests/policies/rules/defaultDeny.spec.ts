import { strict as assert } from "node:assert";
import { defaultDeny } from "../../../policies/rules/defaultDeny";
import { validateStackObjects, validObjects, withField } from "../policyHarness";

const messages = (objects = validObjects(), config: object = {}) =>
  validateStackObjects(defaultDeny, objects, config).map((r) => r.message);
const isAllowNothing = (namespace: string) => (o: { kind: string; metadata: { name: string; namespace?: string } }) =>
  o.kind === "AuthorizationPolicy" && o.metadata.name === "allow-nothing" && o.metadata.namespace === namespace;

describe("default-deny", () => {
  it("passes when every mesh namespace allows nothing by default, and ignores namespaces out of the mesh or exempt", () => {
    // The fixture's mesh namespaces: shop, search and the load tester's, each with allow-nothing; edge (the gateway's) is exempted below.
    assert.deepEqual(messages(validObjects(), { exemptNamespaces: ["istio-system", "edge"] }), []);
  });

  it("flags a mesh namespace without an allow-nothing policy", () => {
    const objects = validObjects().filter((o) => !isAllowNothing("shop")(o));
    assert.deepEqual(messages(objects, { exemptNamespaces: ["edge"] }), [
      "Namespace shop: is in the mesh without a default-deny AuthorizationPolicy (allow-nothing): any workload may call the workloads in it",
    ]);
    assert.deepEqual(messages(validObjects(), { exemptNamespaces: [] }), [
      "Namespace edge: is in the mesh without a default-deny AuthorizationPolicy (allow-nothing): any workload may call the workloads in it",
    ]);
  });

  it("does not count a policy with a selector or rules as allow-nothing", () => {
    const scoped = validObjects().map((o) =>
      isAllowNothing("search")(o) ? withField(o, "spec.selector", { matchLabels: { app: "x" } }) : o,
    );
    const ruled = validObjects().map((o) => (isAllowNothing("search")(o) ? withField(o, "spec.rules", [{}]) : o));
    for (const objects of [scoped, ruled]) {
      assert.deepEqual(messages(objects, { exemptNamespaces: ["edge"] }), [
        "Namespace search: is in the mesh without a default-deny AuthorizationPolicy (allow-nothing): any workload may call the workloads in it",
      ]);
    }
  });

  it("takes a namespace-wide deny-all policy as denying by default too", () => {
    const denyAll = validObjects().map((o) =>
      isAllowNothing("search")(o) ? withField(withField(o, "spec.action", "DENY"), "spec.rules", [{}]) : o,
    );
    assert.deepEqual(messages(denyAll, { exemptNamespaces: ["edge"] }), []);
    const denySome = validObjects().map((o) =>
      isAllowNothing("search")(o)
        ? withField(withField(o, "spec.action", "DENY"), "spec.rules", [{ from: [{ source: { namespaces: ["x"] } }] }])
        : o,
    );
    assert.deepEqual(messages(denySome, { exemptNamespaces: ["edge"] }), [
      "Namespace search: is in the mesh without a default-deny AuthorizationPolicy (allow-nothing): any workload may call the workloads in it",
    ]);
  });

  it("takes an allow-nothing policy in the root namespace as covering the mesh", () => {
    const objects = validObjects().filter((o) => !isAllowNothing("shop")(o));
    const root = withField(validObjects().find(isAllowNothing("search"))!, "metadata.namespace", "istio-system");
    assert.deepEqual(messages([...objects, root], { exemptNamespaces: [] }), []);
  });
});
