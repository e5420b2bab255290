import { strict as assert } from "node:assert";
import { namespaceInjection } from "../../../policies/rules/namespaceInjection";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateStackObjects, validObjects, withField } from "../policyHarness";

const namespace = (name: string, labels?: Record<string, string>): K8sObject => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, ...(labels ? { labels } : {}) },
});
const IST0102 =
  "does not say whether its pods join the mesh (IST0102): label it istio-injection=enabled or istio.io/rev=<tag>, or istio-injection=disabled to keep it out";

describe("namespace-injection", () => {
  const messages = (objects: K8sObject[], config = {}) => validateStackObjects(namespaceInjection, objects, config).map((r) => r.message);
  const withNamespace = (name: string, labels: Record<string, string>) =>
    validObjects().map((o) => (o.kind === "Namespace" && o.metadata.name === name ? withField(o, "metadata.labels", labels) : o));

  it("passes the fixture: mesh namespaces on a tag, the control plane's exempt, Flagger's and the gateway's labelled", () => {
    assert.deepEqual(messages(validObjects()), []);
  });

  it("flags every namespace that does not say whether it is in the mesh (IST0102), mesh objects or not", () => {
    assert.deepEqual(messages(withNamespace("shop", { team: "checkout" })), [`Namespace shop: ${IST0102}`]);
    assert.deepEqual(messages([namespace("bar")]), [`Namespace bar: ${IST0102}`]);
    assert.deepEqual(messages([namespace("bar", { foo: "enabled" })]), [`Namespace bar: ${IST0102}`]);
  });

  it("accepts a namespace kept out of the mesh on purpose, unless it holds mesh objects", () => {
    assert.deepEqual(messages([namespace("batch", { "istio-injection": "disabled" })]), []);
    assert.deepEqual(messages(withNamespace("shop", { "istio-injection": "disabled" })), [
      "Namespace shop: holds mesh objects but is labelled istio-injection=disabled: its pods run without sidecars",
    ]);
  });

  it("flags competing injection labels (IST0123), but not a revision beside a disabled legacy label", () => {
    assert.deepEqual(messages(withNamespace("search", { "istio-injection": "enabled", "istio.io/rev": "canary" })), [
      "Namespace search: has competing injection labels istio-injection=enabled, istio.io/rev=canary (IST0123): keep one",
    ]);
    assert.deepEqual(messages([namespace("quiet", { "istio-injection": "disabled", "istio.io/rev": "test" })]), []);
  });

  it("leaves ambient namespaces and exempt ones alone", () => {
    assert.deepEqual(messages([namespace("ztunnel-only", { "istio.io/dataplane-mode": "ambient" })]), []);
    assert.deepEqual(
      messages([namespace("istio-system"), namespace("kube-system")], { exemptNamespaces: ["istio-system", "kube-system"] }),
      [],
    );
  });

  it("flags mesh objects in a namespace that is not declared, unless exempt", () => {
    const objects = validObjects().filter((o) => !(o.kind === "Namespace" && o.metadata.name === "search"));
    assert.deepEqual(messages(objects), [
      "PeerAuthentication search/default: its namespace search is not declared with it, so its injection label cannot be checked",
    ]);
    assert.deepEqual(messages(objects, { exemptNamespaces: ["istio-system", "search"] }), []);
  });
});
