import { strict as assert } from "node:assert";
import { singleVirtualServicePerHost } from "../../../policies/rules/singleVirtualServicePerHost";
import { validateStackObjects, validObject, validObjects, withField } from "../policyHarness";

const routes = () => validObject("VirtualService", "checkout");

const messages = (rule: Parameters<typeof validateStackObjects>[0], objects = validObjects()) =>
  validateStackObjects(rule, objects).map((r) => r.message);

describe("single-virtual-service-per-host (IST0109)", () => {
  it("passes one VirtualService per host", () => {
    assert.deepEqual(messages(singleVirtualServicePerHost), []);
  });

  it("flags a second VirtualService for the same host on the mesh gateway, but not one bound to an ingress gateway", () => {
    const second = withField(withField(routes(), "metadata.name", "checkout-extra"), "spec.hosts", ["checkout.shop"]);
    assert.deepEqual(messages(singleVirtualServicePerHost, [...validObjects(), second]), [
      "VirtualService shop/checkout-extra: routes host checkout.shop.svc.cluster.local on the mesh gateway, as VirtualService shop/checkout already does (IST0109)",
    ]);
    const ingressOnly = withField(second, "spec.gateways", ["istio-ingress/public"]);
    assert.deepEqual(messages(singleVirtualServicePerHost, [...validObjects(), ingressOnly]), []);
  });
});
