import { strict as assert } from "node:assert";
import { noRoutingOnCanariedHosts } from "../../../policies/rules/noRoutingOnCanariedHosts";
import { validateStackObjects, validObject, validObjects, withField } from "../policyHarness";

const routes = () => validObject("VirtualService", "checkout");

const messages = (rule: Parameters<typeof validateStackObjects>[0], objects = validObjects()) =>
  validateStackObjects(rule, objects).map((r) => r.message);

describe("no-routing-on-canaried-hosts", () => {
  it("passes the fixture: canaried services have no hand-written routing", () => {
    assert.deepEqual(messages(noRoutingOnCanariedHosts), []);
  });

  it("flags a VirtualService for a canaried host and a DestinationRule with a name Flagger generates", () => {
    const vs = withField(withField(routes(), "metadata.name", "cart-routes"), "spec.hosts", ["cart"]);
    const dr = withField(
      withField(validObject("DestinationRule", "checkout"), "metadata.name", "cart-primary"),
      "spec.host",
      "cart-primary.shop.svc.cluster.local",
    );
    assert.deepEqual(messages(noRoutingOnCanariedHosts, [...validObjects(), vs, dr]), [
      "VirtualService shop/cart-routes: conflicts with Canary shop/cart: Flagger generates and owns this service's VirtualService",
      "DestinationRule shop/cart-primary: conflicts with Canary shop/cart: Flagger generates and owns this service's DestinationRule",
    ]);
  });
});
