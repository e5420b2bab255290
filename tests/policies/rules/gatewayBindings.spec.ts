import { strict as assert } from "node:assert";
import { gatewayBindings } from "../../../policies/rules/gatewayBindings";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateStackObjects, validObjects, withField } from "../policyHarness";

const messages = (objects: K8sObject[]) => validateStackObjects(gatewayBindings, objects).map((r) => r.message);
const replace = (kind: string, name: string, change: (o: K8sObject) => K8sObject) =>
  validObjects().map((o) => (o.kind === kind && o.metadata.name === name ? change(o) : o));

describe("gateway-bindings (IST0101, IST0132)", () => {
  it("passes routes and Canaries bound to a Gateway that serves their hosts, and routes bound to the mesh", () => {
    assert.deepEqual(messages(validObjects()), []);
  });

  it("flags a route bound to a Gateway that does not exist, by short name or namespace/name", () => {
    const short = replace("VirtualService", "checkout-ingress", (o) => withField(o, "spec.gateways", ["public"]));
    assert.deepEqual(messages(short), [
      "VirtualService shop/checkout-ingress: gateways[0] names Gateway shop/public, which does not exist (IST0101)",
    ]);
    const canary = replace("Canary", "cart", (o) => withField(o, "spec.service.gateways", ["edge/private", "mesh"]));
    assert.deepEqual(messages(canary), [
      "Canary shop/cart: service.gateways[0] names Gateway edge/private, which does not exist (IST0101)",
    ]);
  });

  it("flags a route none of whose hosts its Gateway serves, wildcards and namespace-scoped server hosts included", () => {
    const other = replace("VirtualService", "checkout-ingress", (o) => withField(o, "spec.hosts", ["www.example.com"]));
    assert.deepEqual(messages(other), [
      "VirtualService shop/checkout-ingress: gateways[0]: Gateway edge/public serves none of its hosts (www.example.com) (IST0132)",
    ]);
    const wildcard = replace("VirtualService", "checkout-ingress", (o) => withField(o, "spec.hosts", ["orders.api.example.com"]));
    assert.deepEqual(messages(wildcard), []);
    const scopedElsewhere = validObjects().map((o) =>
      o.kind === "Gateway" ? withField(o, "spec.servers.0.hosts", ["search/shop.example.com"]) : o,
    );
    const onlyHttpsScoped = scopedElsewhere.map((o) =>
      o.kind === "Gateway" ? withField(o, "spec.servers.1.hosts", ["./shop.example.com"]) : o,
    );
    assert.deepEqual(messages(onlyHttpsScoped), [
      "Canary shop/cart: service.gateways[0]: Gateway edge/public serves none of its hosts (shop.example.com) (IST0132)",
      "VirtualService shop/checkout-ingress: gateways[0]: Gateway edge/public serves none of its hosts (shop.example.com) (IST0132)",
    ]);
  });

  it("flags a Canary bound to a Gateway without hosts of its own", () => {
    const hostless = replace("Canary", "cart", (o) => withField(o, "spec.service.hosts", undefined));
    assert.deepEqual(messages(hostless), [
      "Canary shop/cart: service.gateways[0]: Gateway edge/public serves none of its hosts (none) (IST0132)",
    ]);
  });
});
