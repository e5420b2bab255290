import { strict as assert } from "node:assert";
import { jwtClaimRouting } from "../../../policies/rules/jwtClaimRouting";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { gateway, object, server } from "../objectsFixture";
import { validateStackObjects, validObjects } from "../policyHarness";

const messages = (objects: K8sObject[]) => validateStackObjects(jwtClaimRouting, objects).map((r) => r.message);
const route = (header: string, gateways: string[] = ["edge/public"]) =>
  object("networking.istio.io/v1", "VirtualService", "shop/api", {
    spec: {
      hosts: ["api.example.com"],
      gateways,
      http: [{ match: [{ headers: { [header]: { exact: "gold" } } }], route: [{ destination: { host: "api" } }] }],
    },
  });
const publicGateway = gateway("edge/public", { selector: { istio: "ingressgateway" }, servers: [server(80, ["api.example.com"])] });
const authentication = (name: string, selector?: Record<string, string>) =>
  object("security.istio.io/v1", "RequestAuthentication", name, { spec: selector ? { selector: { matchLabels: selector } } : {} });

describe("jwt-claim-routing (IST0149)", () => {
  it("passes the stack's routes, routes on ordinary headers, the mesh gateway, and claims a RequestAuthentication validates", () => {
    assert.deepEqual(messages(validObjects()), []);
    assert.deepEqual(messages([publicGateway, route("x-canary")]), []);
    assert.deepEqual(messages([publicGateway, route("@request.auth.claims.tier", ["mesh"])]), []);
    assert.deepEqual(messages([publicGateway, route("@request.auth.claims.tier"), authentication("istio-system/jwt")]), []);
    assert.deepEqual(
      messages([publicGateway, route("@request.auth.claims[tier]"), authentication("istio-ingress/jwt", { istio: "ingressgateway" })]),
      [],
    );
  });

  it("flags a claim route through a Gateway whose workload no RequestAuthentication covers", () => {
    const elsewhere = authentication("shop/jwt");
    assert.deepEqual(messages([publicGateway, route("@request.auth.claims.tier"), elsewhere]), [
      "VirtualService shop/api: routes on the JWT claim @request.auth.claims.tier through Gateway edge/public, but no RequestAuthentication validates tokens on the installed gateway in istio-ingress: the route never matches (IST0149)",
    ]);
  });
});
