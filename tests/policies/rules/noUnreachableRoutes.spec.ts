import { strict as assert } from "node:assert";
import { noUnreachableRoutes } from "../../../policies/rules/noUnreachableRoutes";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateObject, validObject, withField } from "../policyHarness";

const routes = () => validObject("VirtualService", "checkout");
const virtualService = (spec: Record<string, unknown>): K8sObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "r", namespace: "ns" },
  spec: { hosts: ["r"], ...spec },
});
const to = (host: string) => [{ destination: { host } }];
const check = (object: K8sObject) => validateObject(noUnreachableRoutes, object).map((m) => m.replace("VirtualService ns/r: ", ""));

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

  it("flags a match identical to an earlier one whatever its name or key order, and a route of nothing but such matches", () => {
    const spec = {
      http: [
        { match: [{ uri: { prefix: "/a" }, headers: { x: { exact: "1" } } }], route: to("a") },
        {
          match: [{ name: "again", headers: { x: { exact: "1" } }, uri: { prefix: "/a" } }, { uri: { prefix: "/b" } }],
          route: to("b"),
        },
        { match: [{ headers: { x: { exact: "1" } }, uri: { prefix: "/a" } }], route: to("c") },
      ],
    };
    assert.deepEqual(check(virtualService(spec)), [
      "http[1].match[0] repeats a match of http[0], which takes its requests first (IST0131)",
      "http[2].match[0] repeats a match of http[0], which takes its requests first (IST0131)",
      "http[2] only repeats matches of earlier routes and can never match (IST0130)",
    ]);
  });

  it("flags a URI prefix that an earlier, shorter prefix with the same conditions takes first", () => {
    const spec = {
      http: [
        { match: [{ uri: { prefix: "/api/v1/prod" }, method: { exact: "GET" } }], route: to("a") },
        { match: [{ uri: { prefix: "/api/v1/products" }, method: { exact: "GET" } }], route: to("b") },
        { match: [{ uri: { prefix: "/api/v1/product-list" }, method: { exact: "POST" } }], route: to("c") },
      ],
    };
    assert.deepEqual(check(virtualService(spec)), [
      "http[1].match[0] (prefix /api/v1/products) is covered by http[0].match[0] (prefix /api/v1/prod), which matches first (IST0131)",
    ]);
  });

  it("reads a match without a method as GET, as istioctl does", () => {
    const spec = {
      http: [{ match: [{ uri: { prefix: "/p" } }, { uri: { prefix: "/products" }, method: { exact: "GET" } }], route: to("a") }],
    };
    assert.deepEqual(check(virtualService(spec)), [
      "http[0].match[1] (prefix /products) is covered by http[0].match[0] (prefix /p), which matches first (IST0131)",
    ]);
  });

  it("judges TCP and TLS routes the same way", () => {
    const tcp = [
      { match: [{ port: 5000 }], route: to("a") },
      { match: [{ port: 5000 }], route: to("b") },
      { route: to("c") },
      { route: to("d") },
    ];
    assert.deepEqual(check(virtualService({ tcp })), [
      "tcp[1].match[0] repeats a match of tcp[0], which takes its requests first (IST0131)",
      "tcp[1] only repeats matches of earlier routes and can never match (IST0130)",
      "tcp[3] comes after the catch-all route tcp[2] and can never match (IST0130)",
    ]);
    const tls = [
      { match: [{ sniHosts: ["a.example.com"] }], route: to("a") },
      { match: [{ sniHosts: ["a.example.com"] }, { sniHosts: ["b.example.com"] }], route: to("b") },
    ];
    assert.deepEqual(check(virtualService({ tls })), [
      "tls[1].match[0] repeats a match of tls[0], which takes its requests first (IST0131)",
    ]);
  });
});
