import { strict as assert } from "node:assert";
import { canaryOwnedRouting } from "../../../policies/rules/canaryOwnedRouting";
import { routeSubsets } from "../../../policies/rules/routeSubsets";
import { singleVirtualServicePerHost } from "../../../policies/rules/singleVirtualServicePerHost";
import { unreachableRoutes } from "../../../policies/rules/unreachableRoutes";
import { validateObject, validateStackObjects, validObject, validObjects, withField, resourceOfObject } from "../policyHarness";

const routes = () => validObject("VirtualService", "checkout");
const messages = (rule: Parameters<typeof validateStackObjects>[0], objects = validObjects()) =>
  validateStackObjects(rule, objects).map((r) => r.message);

describe("route-subsets-defined (IST0101)", () => {
  it("passes routes whose subsets the DestinationRule defines, whatever the host spelling", () => {
    assert.deepEqual(messages(routeSubsets), []);
    const shortHosts = withField(routes(), "spec.http.0.route.0.destination.host", "checkout");
    assert.deepEqual(messages(routeSubsets, [...validObjects(), shortHosts]), []);
  });

  it("flags a route to an undefined subset, and reports it on the VirtualService's URN", () => {
    const broken = withField(routes(), "spec.http.0.route.0.destination.subset", "beta");
    const objects = validObjects().map((o) => (o.kind === "VirtualService" ? broken : o));
    const reported = validateStackObjects(routeSubsets, objects);
    assert.deepEqual(reported, [
      {
        message:
          "VirtualService shop/checkout: routes to subset beta of checkout.shop.svc.cluster.local, which no DestinationRule defines (IST0101)",
        urn: resourceOfObject(broken).urn,
      },
    ]);
  });
});

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

describe("no-unreachable-routes (IST0130/IST0131)", () => {
  it("passes the header route followed by the catch-all split", () => {
    assert.deepEqual(validateObject(unreachableRoutes, routes()), []);
  });

  it("flags a route after a catch-all", () => {
    const http = (routes().spec as any).http;
    const reordered = withField(routes(), "spec.http", [http[1], http[0]]);
    assert.deepEqual(validateObject(unreachableRoutes, reordered), [
      "VirtualService shop/checkout: http[1] comes after the catch-all route http[0] and can never match (IST0130)",
    ]);
  });

  it("flags a match identical to an earlier one, whatever the key order", () => {
    const http = (routes().spec as any).http;
    const duplicate = { ...http[0], name: "again", match: [{ headers: { "x-beta": { exact: "yes" } } }] };
    const shadowed = withField(routes(), "spec.http", [http[0], duplicate, http[1]]);
    assert.deepEqual(validateObject(unreachableRoutes, shadowed), [
      "VirtualService shop/checkout: http[1] has a match identical to one in http[0], which shadows it (IST0131)",
    ]);
  });
});

describe("no-routing-on-canaried-hosts", () => {
  it("passes the fixture: canaried services have no hand-written routing", () => {
    assert.deepEqual(messages(canaryOwnedRouting), []);
  });

  it("flags a VirtualService for a canaried host and a DestinationRule with a name Flagger generates", () => {
    const vs = withField(withField(routes(), "metadata.name", "cart-routes"), "spec.hosts", ["cart"]);
    const dr = withField(
      withField(validObject("DestinationRule", "checkout"), "metadata.name", "cart-primary"),
      "spec.host",
      "cart-primary.shop.svc.cluster.local",
    );
    assert.deepEqual(messages(canaryOwnedRouting, [...validObjects(), vs, dr]), [
      "VirtualService shop/cart-routes: conflicts with Canary shop/cart: Flagger generates and owns this service's VirtualService",
      "DestinationRule shop/cart-primary: conflicts with Canary shop/cart: Flagger generates and owns this service's DestinationRule",
    ]);
  });
});
