import { strict as assert } from "node:assert";
import { noUnreachableRoutes } from "../../../policies/rules/noUnreachableRoutes";
import { validateObject, validObject, withField } from "../policyHarness";

const routes = () => validObject("VirtualService", "checkout");

describe("no-unreachable-routes (IST0130/IST0131)", () => {
  it("passes the header route followed by the catch-all split", () => {
    assert.deepEqual(validateObject(noUnreachableRoutes, routes()), []);
  });

  it("flags a route after a catch-all", () => {
    const http = (routes().spec as any).http;
    const reordered = withField(routes(), "spec.http", [http[1], http[0]]);
    assert.deepEqual(validateObject(noUnreachableRoutes, reordered), [
      "VirtualService shop/checkout: http[1] comes after the catch-all route http[0] and can never match (IST0130)",
    ]);
  });

  it("flags a match identical to an earlier one, whatever the key order", () => {
    const http = (routes().spec as any).http;
    const duplicate = { ...http[0], name: "again", match: [{ headers: { "x-beta": { exact: "yes" } } }] };
    const shadowed = withField(routes(), "spec.http", [http[0], duplicate, http[1]]);
    assert.deepEqual(validateObject(noUnreachableRoutes, shadowed), [
      "VirtualService shop/checkout: http[1] has a match identical to one in http[0], which shadows it (IST0131)",
    ]);
  });
});
