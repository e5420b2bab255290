import { strict as assert } from "node:assert";
import { singleVirtualServicePerHost } from "../../../policies/rules/singleVirtualServicePerHost";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateStackObjects, validObjects } from "../policyHarness";

const virtualService = (namespace: string, name: string, hosts: string[], extra: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name, namespace },
  spec: { hosts, http: [{ route: [{ destination: { host: hosts[0] } }] }], ...extra },
});
const flagged = (objects: K8sObject[]) => validateStackObjects(singleVirtualServicePerHost, objects).map((r) => r.message.split(":")[0]);

describe("single-virtual-service-per-host (IST0109)", () => {
  it("passes one VirtualService per host", () => {
    assert.deepEqual(flagged(validObjects()), []);
  });

  it("flags every VirtualService of a conflict, with the host and the others named", () => {
    const first = virtualService("shop", "checkout", ["checkout"]);
    const second = virtualService("shop", "checkout-extra", ["checkout.shop.svc.cluster.local"]);
    assert.deepEqual(
      validateStackObjects(singleVirtualServicePerHost, [first, second]).map((r) => r.message),
      [
        "VirtualService shop/checkout: routes host checkout.shop.svc.cluster.local on the mesh gateway together with VirtualService shop/checkout, VirtualService shop/checkout-extra (IST0109)",
        "VirtualService shop/checkout-extra: routes host checkout.shop.svc.cluster.local on the mesh gateway together with VirtualService shop/checkout, VirtualService shop/checkout-extra (IST0109)",
      ],
    );
  });

  it("ignores a VirtualService bound to ingress gateways only", () => {
    const ingressOnly = virtualService("shop", "public", ["checkout"], { gateways: ["istio-ingress/public"] });
    assert.deepEqual(flagged([virtualService("shop", "checkout", ["checkout"]), ingressOnly]), []);
  });

  it("takes a dotted host as written: reviews.foo is not reviews.foo.svc.cluster.local", () => {
    const short = virtualService("foo", "a", ["reviews"]);
    const dotted = virtualService("bar", "b", ["reviews.foo"]);
    assert.deepEqual(flagged([short, dotted]), []);
  });

  it("follows exportTo: hosts visible in different namespaces do not conflict", () => {
    const local = virtualService("foo", "a", ["*.b"], { exportTo: ["."] });
    const elsewhere = virtualService("bar", "b", ["*.b"], { exportTo: ["foo"] });
    assert.deepEqual(flagged([local, virtualService("bar", "c", ["*.b"], { exportTo: ["."] })]), []);
    assert.deepEqual(flagged([local, elsewhere]), ["VirtualService foo/a", "VirtualService bar/b"]);
  });

  it("meets a host exported everywhere, and a wildcard that covers a locally exported host", () => {
    const local = virtualService("foo", "d", ["*.productpage.d"], { exportTo: ["."] });
    const covering = virtualService("bar", "d", ["*.d"]);
    assert.deepEqual(flagged([local, covering]), ["VirtualService foo/d", "VirtualService bar/d"]);
    const exact = virtualService("foo", "x", ["api.example.com"], { exportTo: ["."] });
    assert.deepEqual(flagged([exact, virtualService("bar", "y", ["*.example.com"])]), ["VirtualService foo/x", "VirtualService bar/y"]);
    assert.deepEqual(flagged([exact, virtualService("bar", "z", ["*.other.com"])]), []);
  });
});
