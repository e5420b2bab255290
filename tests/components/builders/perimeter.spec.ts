import { strict as assert } from "node:assert";
import { allowNothing, plaintextWorkloadAuthorization, serviceAuthorizations } from "../../../components/builders/authorization";
import { callGraph, serviceKey } from "../../../components/builders/callGraph";
import { canaryExposure, istioGateway } from "../../../components/builders/ingress";
import { rateLimitFilters } from "../../../components/builders/rateLimit";
import {
  canaryContext,
  gatewayObjects,
  meshNamespaceObjects,
  progressiveServiceObjects,
  servicePerimeter,
  serviceNamespaceSpecs,
} from "../../../components/builders/stack";
import { ingressVirtualService } from "../../../components/builders/virtualService";
import type { ProgressiveServiceConfig, StaticServiceConfig } from "../../../infra/config/schema";
import { everythingConfig } from "../../helpers/configFixtures";

const config = everythingConfig();
const service = <T>(name: string) => config.services.find((s) => s.name === name) as T;
const cart = () => service<ProgressiveServiceConfig>("cart");
const checkout = () => service<StaticServiceConfig>("checkout");

describe("perimeter builders", () => {
  it("derives who calls whom, and which APIs, from each service's calls", () => {
    const graph = callGraph(config);
    assert.deepEqual((graph.callers.get("shop/cart") ?? []).map(serviceKey), ["shop/checkout"]);
    assert.deepEqual((graph.callees.get("shop/cart") ?? []).map(serviceKey), ["search/search-api"]);
    assert.deepEqual(
      (graph.apis.get("shop/cart") ?? []).map((api) => api.name),
      ["payments"],
    );
    assert.deepEqual(graph.callers.get("shop/checkout"), []);
  });

  it("serves each Gateway's hosts over HTTPS with its certificate, and redirects HTTP", () => {
    assert.deepEqual(istioGateway(config.istio.ingressGateway.gateways[0], "edge"), {
      apiVersion: "networking.istio.io/v1",
      kind: "Gateway",
      metadata: { name: "public", namespace: "edge" },
      spec: {
        selector: { istio: "ingressgateway" },
        servers: [
          {
            port: { number: 443, name: "https", protocol: "HTTPS" },
            hosts: ["shop.example.com", "*.api.example.com"],
            tls: { mode: "SIMPLE", credentialName: "shop-tls" },
          },
          {
            port: { number: 80, name: "http", protocol: "HTTP" },
            hosts: ["shop.example.com", "*.api.example.com"],
            tls: { httpsRedirect: true },
          },
        ],
      },
    });
    assert.deepEqual(gatewayObjects({ ...config.istio, ingressGateway: { ...config.istio.ingressGateway, enabled: false } }), []);
  });

  it("exposes a progressive service through its Gateway and the mesh, scoping only the Gateway's requests to the path prefix", () => {
    assert.deepEqual(canaryExposure(cart(), "edge"), {
      gateways: ["edge/public", "mesh"],
      hosts: ["shop.example.com"],
      match: [{ uri: { prefix: "/cart" }, gateways: ["edge/public"] }, { gateways: ["mesh"] }],
    });
    const everywhere = { ...cart(), expose: { ...cart().expose!, pathPrefix: "/" } };
    assert.deepEqual(canaryExposure(everywhere, "edge"), { gateways: ["edge/public", "mesh"], hosts: ["shop.example.com"] });
    assert.equal(canaryExposure(service<ProgressiveServiceConfig>("search-api"), "edge"), undefined);
  });

  it("routes a static service's public hosts through its Gateway under its prefix, keeping the canary header", () => {
    const ingress = ingressVirtualService(checkout(), "edge/public")!;
    assert.deepEqual(ingress.metadata, { name: "checkout-ingress", namespace: "shop" });
    const spec = ingress.spec as Record<string, any>;
    assert.deepEqual([spec.hosts, spec.gateways], [["shop.example.com"], ["edge/public"]]);
    assert.deepEqual(
      spec.http.map((route: any) => [route.name, route.match]),
      [
        ["canary-by-header", [{ headers: { "x-beta": { exact: "yes" } }, uri: { prefix: "/checkout" } }]],
        ["weighted-split", [{ uri: { prefix: "/checkout" } }]],
      ],
    );
    assert.deepEqual(
      spec.http[1].route.map((r: any) => [r.destination.subset, r.weight]),
      [
        ["stable", 90],
        ["canary", 10],
      ],
    );
  });

  it("allows a service's callers by identity on its target port; the load tester reaches canary pods only", () => {
    const graph = callGraph(config);
    const [canaryPods, primaryPods] = serviceAuthorizations(cart(), servicePerimeter(cart(), config, graph).callers);
    assert.deepEqual(canaryPods, {
      apiVersion: "security.istio.io/v1",
      kind: "AuthorizationPolicy",
      metadata: { name: "cart-callers", namespace: "shop" },
      spec: {
        selector: { matchLabels: { app: "cart" } },
        action: "ALLOW",
        rules: [
          {
            from: [
              {
                source: {
                  principals: [
                    "cluster.local/ns/edge/sa/istio-ingressgateway",
                    "cluster.local/ns/flagger-loadtester/sa/flagger-loadtester",
                    "cluster.local/ns/shop/sa/checkout",
                  ],
                },
              },
            ],
            to: [{ operation: { ports: ["8080"] } }],
          },
        ],
      },
    });
    assert.deepEqual(primaryPods.metadata.name, "cart-primary-callers");
    assert.deepEqual((primaryPods.spec as any).selector, { matchLabels: { app: "cart-primary" } });
    assert.deepEqual((primaryPods.spec as any).rules[0].from[0].source.principals, [
      "cluster.local/ns/edge/sa/istio-ingressgateway",
      "cluster.local/ns/shop/sa/checkout",
    ]);
    // Nobody calls checkout but the gateway, on its target port 9443; search-api's primary pods nobody at all.
    assert.deepEqual(
      serviceAuthorizations(checkout(), servicePerimeter(checkout(), config, graph).callers).map((p) => [
        p.metadata.name,
        (p.spec as any).rules[0].to[0].operation.ports,
      ]),
      [["checkout-callers", ["9443"]]],
    );
    const searchApi = service<ProgressiveServiceConfig>("search-api");
    assert.deepEqual(
      serviceAuthorizations(searchApi, servicePerimeter(searchApi, config, graph).callers).map((p) => [
        p.metadata.name,
        (p.spec as any).rules[0].from[0].source.principals,
      ]),
      [
        ["search-api-callers", ["cluster.local/ns/flagger-loadtester/sa/flagger-loadtester", "cluster.local/ns/shop/sa/cart-sa"]],
        ["search-api-primary-callers", ["cluster.local/ns/shop/sa/cart-sa"]],
      ],
    );
  });

  it("denies by default in every mesh namespace and takes plain text only on a listed workload's port", () => {
    assert.deepEqual(allowNothing("shop").spec, {});
    assert.deepEqual(plaintextWorkloadAuthorization("lt", "webhooks", { app: "loadtester" }, 8080).spec, {
      selector: { matchLabels: { app: "loadtester" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { notPrincipals: ["*"] } }], to: [{ operation: { ports: ["8080"] } }] }],
    });
  });

  it("scopes each namespace's proxies to itself, the control plane and what it calls, with ServiceEntries where APIs are called", () => {
    const [shop, search] = serviceNamespaceSpecs(config).map(meshNamespaceObjects);
    assert.deepEqual((shop.sidecar.spec as any).egress, [
      {
        hosts: [
          "./*",
          "istio-system/*",
          "search/search-api-canary.search.svc.cluster.local",
          "search/search-api-primary.search.svc.cluster.local",
          "search/search-api.search.svc.cluster.local",
        ],
      },
    ]);
    assert.deepEqual((search.sidecar.spec as any).egress, [{ hosts: ["./*", "istio-system/*"] }]);
    assert.deepEqual(shop.serviceEntries, [
      {
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: "payments", namespace: "shop" },
        spec: {
          hosts: ["api.payments.example"],
          location: "MESH_EXTERNAL",
          resolution: "DNS",
          ports: [{ number: 443, name: "tls-443", protocol: "TLS" }],
          exportTo: ["."],
        },
      },
    ]);
    assert.deepEqual(search.serviceEntries, []);
  });

  it("scopes each service's pods to the control plane and exactly what they call, external APIs included", () => {
    const graph = callGraph(config);
    const objects = progressiveServiceObjects(cart(), canaryContext(config), servicePerimeter(cart(), config, graph));
    assert.deepEqual(
      objects.sidecars.map((s) => [s.metadata.name, (s.spec as any).workloadSelector.labels, (s.spec as any).egress[0].hosts]),
      ["cart", "cart-primary"].map((name) => [
        name,
        { app: name },
        [
          "istio-system/*",
          "search/search-api-canary.search.svc.cluster.local",
          "search/search-api-primary.search.svc.cluster.local",
          "search/search-api.search.svc.cluster.local",
          "shop/api.payments.example",
        ],
      ]),
    );
    const searchApi = service<ProgressiveServiceConfig>("search-api");
    const alone = progressiveServiceObjects(searchApi, canaryContext(config), servicePerimeter(searchApi, config, graph));
    assert.deepEqual((alone.sidecars[0].spec as any).egress, [{ hosts: ["istio-system/*"] }]);
  });

  it("limits a service's rate in each of its pod groups with a prioritised, scoped EnvoyFilter", () => {
    const filters = rateLimitFilters(cart());
    assert.deepEqual(
      filters.map((f) => [f.metadata.name, (f.spec as any).workloadSelector.labels, (f.spec as any).priority]),
      [
        ["cart-ratelimit", { app: "cart" }, 10],
        ["cart-primary-ratelimit", { app: "cart-primary" }, 10],
      ],
    );
    const patch = (filters[0].spec as any).configPatches[0];
    assert.deepEqual([patch.applyTo, patch.match.context, patch.patch.operation], ["HTTP_FILTER", "SIDECAR_INBOUND", "INSERT_BEFORE"]);
    assert.deepEqual(patch.patch.value.typed_config.token_bucket, { max_tokens: 200, tokens_per_fill: 100, fill_interval: "1s" });
    assert.deepEqual(rateLimitFilters(checkout()), []);
  });
});
