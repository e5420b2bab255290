import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../../infra/config/parse";
import { problemsOf, progressive, staticService } from "../../helpers/configFixtures";
import { minimalStackValues } from "../../helpers/stackFiles";

const PUBLIC = { name: "public", hosts: ["api.example.com", "*.shop.example.com"], credentialName: "example-com-tls" };

/** The minimal stack with an ingress gateway serving PUBLIC, an external API, and these services. */
function perimeter(services: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...minimalStackValues(),
    istio: { ingressGateway: { enabled: true, gateways: [PUBLIC] } },
    externalApis: [{ name: "payments", hosts: ["api.payments.example"], ports: [{ number: 443, protocol: "TLS" }] }],
    services,
    ...extra,
  };
}
const quiet = (canary: Record<string, unknown> = {}) => ({ alerts: false, ...canary });

describe("perimeter config", () => {
  it("accepts the call graph, exposures, external APIs and rate limits, with defaults", () => {
    const config = parseStackConfig(
      perimeter([
        progressive(quiet(), { name: "web", expose: { gateway: "public", hosts: ["api.example.com"], pathPrefix: "/web" } }),
        staticService({ calls: { services: ["web", "apps/web"], apis: ["payments"] }, rateLimit: { requests: 100 } }),
      ]),
    );
    const [web, api] = config.services;
    assert.deepEqual(web.expose, { gateway: "public", hosts: ["api.example.com"], pathPrefix: "/web" });
    assert.deepEqual(web.calls, { services: [], apis: [] });
    assert.deepEqual(api.calls, { services: ["web", "apps/web"], apis: ["payments"] });
    assert.deepEqual(api.rateLimit, { requests: 100, per: "1s" });
    assert.equal(api.serviceAccount, undefined);
    assert.deepEqual(config.externalApis[0].ports, [{ number: 443, protocol: "TLS" }]);
  });

  it("rejects calls to services and APIs nobody declared, naming what it looked for", () => {
    assert.deepEqual(problemsOf(perimeter([staticService({ calls: { services: ["cart", "shop/api"], apis: ["stripe"] } })])), [
      'mesh-platform:services[0].calls.services[0]: is not a service under services (looked for cart in namespace apps) (got "cart")',
      'mesh-platform:services[0].calls.services[1]: is not a service under services (looked for api in namespace shop) (got "shop/api")',
      'mesh-platform:services[0].calls.apis[0]: is not an API under externalApis (got "stripe")',
    ]);
  });

  it("rejects an exposure through an unknown Gateway, or of a host its Gateway does not serve (IST0132)", () => {
    const services = [
      staticService({ expose: { gateway: "private", hosts: ["api.example.com"] } }),
      staticService({ name: "b", expose: { gateway: "public", hosts: ["www.example.com", "cart.shop.example.com"] } }),
    ];
    assert.deepEqual(problemsOf(perimeter(services)), [
      'mesh-platform:services[0].expose.gateway: is not a Gateway under istio.ingressGateway.gateways (got "private")',
      'mesh-platform:services[1].expose.hosts[0]: is not served by gateway public (api.example.com, *.shop.example.com) (got "www.example.com")',
    ]);
  });

  it("rejects a public host and path served twice, and two progressive services on one host", () => {
    const expose = (pathPrefix: string) => ({ gateway: "public", hosts: ["api.example.com"], pathPrefix });
    const services = [
      progressive(quiet(), { name: "users", expose: expose("/api/users") }),
      staticService({ name: "orders", expose: expose("/api/orders") }),
      staticService({ name: "all", expose: expose("/api") }),
      progressive(quiet(), { name: "search", expose: expose("/search") }),
    ];
    assert.deepEqual(problemsOf(perimeter(services)), [
      'mesh-platform:services[2].expose.hosts[0]: is already served under /api/users by services[0] (users); path prefix /api overlaps it (got "api.example.com")',
      'mesh-platform:services[2].expose.hosts[0]: is already served under /api/orders by services[1] (orders); path prefix /api overlaps it (got "api.example.com")',
      "mesh-platform:services[3].expose.hosts[0]: is already exposed by the progressive services[0] (users); Flagger binds each one's hosts " +
        'to the mesh too, where one host takes one VirtualService (got "api.example.com")',
    ]);
  });

  it("rejects Gateways without an ingress gateway, a Gateway listed twice and a host on two Gateways", () => {
    const second = { name: "public", hosts: ["cart.shop.example.com"], credentialName: "cart-tls" };
    const values = { ...perimeter([]), istio: { ingressGateway: { enabled: false, gateways: [PUBLIC, second] } } };
    assert.deepEqual(problemsOf(values), [
      'mesh-platform:istio.ingressGateway.gateways: needs istio.ingressGateway.enabled: true; no gateway would serve them (got ["public","public"])',
      'mesh-platform:istio.ingressGateway.gateways[1].name: is listed twice (also gateways[0]) (got "public")',
    ]);
    const other = { name: "shop", hosts: ["cart.shop.example.com"], credentialName: "cart-tls" };
    assert.deepEqual(problemsOf({ ...perimeter([]), istio: { ingressGateway: { enabled: true, gateways: [PUBLIC, other] } } }), [
      "mesh-platform:istio.ingressGateway.gateways[1].hosts[0]: is also served by gateway public (*.shop.example.com); a host is served by one Gateway " +
        '(got "cart.shop.example.com")',
    ]);
  });

  it("rejects two Gateways presenting one certificate (IST0138)", () => {
    const other = { name: "shop", hosts: ["www.example.com"], credentialName: PUBLIC.credentialName };
    assert.deepEqual(problemsOf({ ...perimeter([]), istio: { ingressGateway: { enabled: true, gateways: [PUBLIC, other] } } }), [
      "mesh-platform:istio.ingressGateway.gateways[1].credentialName: is also gateway public's certificate: HTTP/2 clients reuse a connection " +
        "across both Gateways' hosts and get 404 (istioctl IST0138); give each Gateway its own, or serve both host lists from one Gateway " +
        '(got "example-com-tls")',
    ]);
  });

  it("rejects an external API listed twice or sharing a host, and hosts and paths Istio would refuse", () => {
    const apis = [
      { name: "payments", hosts: ["api.payments.example"], ports: [{ number: 443, protocol: "TLS" }] },
      { name: "payments", hosts: ["api.payments.example", "Bad_Host"], ports: [{ number: 443, protocol: "SMTP" }] },
    ];
    assert.deepEqual(
      problemsOf(
        perimeter([staticService({ expose: { gateway: "public", hosts: ["api.example.com"], pathPrefix: "api" } })], {
          externalApis: apis,
        }),
      ),
      [
        'mesh-platform:services[0].expose.pathPrefix: must be a URI path starting with /, without a query or fragment, such as /api/users (got "api")',
        'mesh-platform:externalApis[1].hosts[1]: must be a lower case DNS name with a dot, such as api.example.com (got "Bad_Host")',
        'mesh-platform:externalApis[1].ports[0].protocol: Invalid option: expected one of "HTTPS"|"TLS"|"HTTP"|"HTTP2"|"GRPC"|"TCP" (got "SMTP")',
      ],
    );
    assert.deepEqual(problemsOf(perimeter([], { externalApis: [apis[0], { ...apis[0], name: "other" }, apis[0]] })), [
      'mesh-platform:externalApis[1].hosts[0]: is also a host of external API payments (got "api.payments.example")',
      'mesh-platform:externalApis[2].name: is listed twice (also externalApis[0]) (got "payments")',
    ]);
  });

  it("rejects a rate limit Envoy would refuse", () => {
    assert.deepEqual(problemsOf(perimeter([staticService({ rateLimit: { requests: 100, per: "10ms", burst: 50 } })])), [
      'mesh-platform:services[0].rateLimit.per: must be at least 50ms: Envoy refuses a faster token bucket (got "10ms")',
      "mesh-platform:services[0].rateLimit.burst: must be at least requests (100): the bucket holds no more than a burst (got 50)",
    ]);
  });
});
