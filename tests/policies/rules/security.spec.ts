import { strict as assert } from "node:assert";
import { destinationRuleTls } from "../../../policies/rules/destinationRuleTls";
import { namespaceInjection } from "../../../policies/rules/namespaceInjection";
import { strictMtls } from "../../../policies/rules/strictMtls";
import { virtualServiceHosts } from "../../../policies/rules/virtualServiceHosts";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateObject, validateStackObjects, validObject, validObjects, withField } from "../policyHarness";

const policyIn = (namespace: string, name: string) =>
  validObjects().find((o) => o.kind === "PeerAuthentication" && o.metadata.namespace === namespace && o.metadata.name === name)!;

describe("strict-mtls", () => {
  it("passes namespace-wide STRICT and the load tester's allowed exception", () => {
    assert.deepEqual(validateObject(strictMtls, policyIn("shop", "default")), []);
    assert.deepEqual(validateObject(strictMtls, policyIn("flagger-loadtester", "loadtester-webhooks")), []);
  });

  it("flags a namespace-wide relaxation", () => {
    const permissive = withField(policyIn("shop", "default"), "spec.mtls.mode", "PERMISSIVE");
    assert.deepEqual(validateObject(strictMtls, permissive), [
      "PeerAuthentication shop/default: mtls mode PERMISSIVE applies to the whole namespace; it must be STRICT",
    ]);
  });

  it("flags a workload exception that the config does not allow, and accepts it once allowed", () => {
    const exception = withField(policyIn("flagger-loadtester", "loadtester-webhooks"), "spec.selector.matchLabels", { app: "legacy" });
    assert.deepEqual(validateObject(strictMtls, exception), [
      'PeerAuthentication flagger-loadtester/loadtester-webhooks: mtls mode PERMISSIVE for workloads {"app":"legacy"}, which are not an allowed exception',
    ]);
    assert.deepEqual(validateObject(strictMtls, exception, { allowedExceptions: [{ app: "legacy" }] }), []);
  });

  it("flags portLevelMtls without a selector, and a relaxed port", () => {
    const ports = withField(policyIn("shop", "default"), "spec.portLevelMtls", { "8080": { mode: "DISABLE" } });
    assert.deepEqual(validateObject(strictMtls, ports), [
      "PeerAuthentication shop/default: portLevelMtls needs a workload selector; without one Istio ignores it",
      "PeerAuthentication shop/default: mtls mode DISABLE applies to the whole namespace; it must be STRICT",
    ]);
  });
});

describe("destination-rule-tls", () => {
  it("passes ISTIO_MUTUAL and flags DISABLE at the top, per subset and per port", () => {
    const rule = validObject("DestinationRule", "checkout");
    assert.deepEqual(validateObject(destinationRuleTls, rule), []);
    assert.deepEqual(validateObject(destinationRuleTls, withField(rule, "spec.trafficPolicy.tls.mode", "DISABLE")), [
      "DestinationRule shop/checkout: trafficPolicy.tls.mode is DISABLE: traffic to this host would be plain text",
    ]);
    assert.deepEqual(validateObject(destinationRuleTls, withField(rule, "spec.subsets.1.trafficPolicy", { tls: { mode: "DISABLE" } })), [
      "DestinationRule shop/checkout: subsets[1].trafficPolicy.tls.mode is DISABLE: traffic to this host would be plain text",
    ]);
    assert.deepEqual(
      validateObject(
        destinationRuleTls,
        withField(rule, "spec.trafficPolicy.portLevelSettings", [{ port: { number: 80 }, tls: { mode: "DISABLE" } }]),
      ),
      ["DestinationRule shop/checkout: trafficPolicy.portLevelSettings[0].tls.mode is DISABLE: traffic to this host would be plain text"],
    );
  });
});

describe("no-wildcard-hosts", () => {
  it("passes named hosts and flags wildcards", () => {
    const routes = validObject("VirtualService", "checkout");
    assert.deepEqual(validateObject(virtualServiceHosts, routes), []);
    assert.deepEqual(validateObject(virtualServiceHosts, withField(routes, "spec.hosts", ["*.shop.svc.cluster.local"])), [
      'VirtualService shop/checkout: host "*.shop.svc.cluster.local" is a wildcard',
    ]);
  });
});

describe("namespace-injection", () => {
  const messages = (objects: K8sObject[], config = {}) => validateStackObjects(namespaceInjection, objects, config).map((r) => r.message);

  it("passes the fixture, whose namespaces carry the revision label", () => {
    assert.deepEqual(messages(validObjects()), []);
  });

  it("flags a namespace holding mesh objects without the injection label (IST0102)", () => {
    const objects = validObjects().map((o) =>
      o.kind === "Namespace" && o.metadata.name === "shop" ? withField(o, "metadata.labels", { team: "checkout" }) : o,
    );
    assert.deepEqual(messages(objects), ["Namespace shop: holds mesh objects but is not labelled for sidecar injection (IST0102)"]);
  });

  it("flags both injection labels on one namespace (IST0123)", () => {
    const objects = validObjects().map((o) =>
      o.kind === "Namespace" && o.metadata.name === "search" ? withField(o, "metadata.labels.istio-injection", "enabled") : o,
    );
    assert.deepEqual(messages(objects), ["Namespace search: has both istio-injection and istio.io/rev labels (IST0123): pick one"]);
  });

  it("flags mesh objects in a namespace that is not declared, unless exempt", () => {
    const objects = validObjects().filter((o) => !(o.kind === "Namespace" && o.metadata.name === "search"));
    assert.deepEqual(messages(objects), [
      "PeerAuthentication search/default: its namespace search is not declared with it, so its injection label cannot be checked",
    ]);
    assert.deepEqual(messages(objects, { exemptNamespaces: ["search"] }), []);
  });
});
