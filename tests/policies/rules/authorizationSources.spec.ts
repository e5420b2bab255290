import { strict as assert } from "node:assert";
import { authorizationSources } from "../../../policies/rules/authorizationSources";
import { validateObject, validObjects, withField } from "../policyHarness";

const policy = (namespace: string, name: string) =>
  validObjects().find((o) => o.kind === "AuthorizationPolicy" && o.metadata.namespace === namespace && o.metadata.name === name)!;
const callers = () => policy("shop", "cart-callers");

describe("authorization-sources", () => {
  it("passes allow-nothing, rules naming principals, and plain text for the load tester", () => {
    assert.deepEqual(validateObject(authorizationSources, policy("shop", "allow-nothing")), []);
    assert.deepEqual(validateObject(authorizationSources, callers()), []);
    assert.deepEqual(validateObject(authorizationSources, policy("flagger-loadtester", "loadtester-webhooks")), []);
  });

  it("flags a rule without a source, and one whose from is empty", () => {
    const noFrom = withField(callers(), "spec.rules.0.from", undefined);
    assert.deepEqual(validateObject(authorizationSources, noFrom), [
      "AuthorizationPolicy shop/cart-callers: rules[0] has no from: it allows every source",
    ]);
    const emptyRule = withField(callers(), "spec.rules", [{}]);
    assert.deepEqual(validateObject(authorizationSources, emptyRule), [
      "AuthorizationPolicy shop/cart-callers: rules[0] has no from: it allows every source",
    ]);
  });

  it("flags a source allowing any principal or namespace", () => {
    const anyPrincipal = withField(callers(), "spec.rules.0.from.0.source.principals", ["*"]);
    const anyNamespace = withField(callers(), "spec.rules.0.from.0.source", { namespaces: ["shop", "*"] });
    assert.deepEqual(validateObject(authorizationSources, anyPrincipal), [
      'AuthorizationPolicy shop/cart-callers: rules[0].from[0] allows any principal (principals: "*")',
    ]);
    assert.deepEqual(validateObject(authorizationSources, anyNamespace), [
      'AuthorizationPolicy shop/cart-callers: rules[0].from[0] allows any namespace (namespaces: "*")',
    ]);
  });

  it("flags a source of exclusions only, and plain text for a workload the config does not allow, until allowed", () => {
    const exclusions = withField(callers(), "spec.rules.0.from.0.source", { notNamespaces: ["other"] });
    assert.deepEqual(validateObject(authorizationSources, exclusions), [
      "AuthorizationPolicy shop/cart-callers: rules[0].from[0] names no caller: it allows every source but the ones it excludes",
    ]);
    const plaintext = withField(callers(), "spec.rules.0.from.0.source", { notPrincipals: ["*"] });
    assert.deepEqual(validateObject(authorizationSources, plaintext), [
      'AuthorizationPolicy shop/cart-callers: rules[0].from[0] allows callers without an identity (plain text, notPrincipals: "*")',
    ]);
    assert.deepEqual(validateObject(authorizationSources, plaintext, { allowedPlaintextWorkloads: [{ app: "cart" }] }), []);
  });

  it("leaves DENY and CUSTOM policies alone", () => {
    const deny = withField(withField(callers(), "spec.action", "DENY"), "spec.rules.0.from", undefined);
    assert.deepEqual(validateObject(authorizationSources, deny), []);
  });
});
