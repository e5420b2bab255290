import { strict as assert } from "node:assert";
import { routeSubsetsDefined } from "../../../policies/rules/routeSubsetsDefined";
import { validateStackObjects, validObject, validObjects, withField, resourceOfObject } from "../policyHarness";

const routes = () => validObject("VirtualService", "checkout");

const messages = (rule: Parameters<typeof validateStackObjects>[0], objects = validObjects()) =>
  validateStackObjects(rule, objects).map((r) => r.message);

describe("route-subsets-defined (IST0101)", () => {
  it("passes routes whose subsets the DestinationRule defines, whatever the host spelling", () => {
    assert.deepEqual(messages(routeSubsetsDefined), []);
    const shortHosts = withField(routes(), "spec.http.0.route.0.destination.host", "checkout");
    assert.deepEqual(messages(routeSubsetsDefined, [...validObjects(), shortHosts]), []);
  });

  it("flags a mirror to an undefined subset, under http.mirror and http.mirrors", () => {
    const mirrored = withField(routes(), "spec.http.1.mirror", { host: "checkout", subset: "shadow" });
    const alsoMirrors = withField(mirrored, "spec.http.1.mirrors", [
      { destination: { host: "checkout", subset: "stable" } },
      { destination: { host: "checkout", subset: "dark" } },
    ]);
    const objects = validObjects().map((o) => (o.kind === "VirtualService" && o.metadata.name === "checkout" ? alsoMirrors : o));
    assert.deepEqual(messages(routeSubsetsDefined, objects), [
      "VirtualService shop/checkout: http[1].mirror sends to subset shadow of checkout.shop.svc.cluster.local, which no DestinationRule defines (IST0101)",
      "VirtualService shop/checkout: http[1].mirrors[1] sends to subset dark of checkout.shop.svc.cluster.local, which no DestinationRule defines (IST0101)",
    ]);
  });

  it("takes a dotted host as written: reviews.foo is not the reviews service in foo", () => {
    const dotted = withField(routes(), "spec.http.0.route.0.destination.host", "checkout.shop");
    const objects = validObjects().map((o) => (o.kind === "VirtualService" && o.metadata.name === "checkout" ? dotted : o));
    assert.deepEqual(messages(routeSubsetsDefined, objects), [
      "VirtualService shop/checkout: http[0].route[0] sends to subset canary of checkout.shop, which no DestinationRule defines (IST0101)",
    ]);
  });

  it("flags a route to an undefined subset, and reports it on the VirtualService's URN", () => {
    const broken = withField(routes(), "spec.http.0.route.0.destination.subset", "beta");
    const objects = validObjects().map((o) => (o.kind === "VirtualService" && o.metadata.name === "checkout" ? broken : o));
    const reported = validateStackObjects(routeSubsetsDefined, objects);
    assert.deepEqual(reported, [
      {
        message:
          "VirtualService shop/checkout: http[0].route[0] sends to subset beta of checkout.shop.svc.cluster.local, which no DestinationRule defines (IST0101)",
        urn: resourceOfObject(broken).urn,
      },
    ]);
  });
});
