import { strict as assert } from "node:assert";
import { gatewayConflicts } from "../../../policies/rules/gatewayConflicts";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { gateway, pod, server } from "../objectsFixture";
import { validateStackObjects, validObjects } from "../policyHarness";

const messages = (objects: K8sObject[]) => validateStackObjects(gatewayConflicts, objects).map((r) => r.message);
const INGRESS = { istio: "ingressgateway" };

describe("gateway-conflicts (IST0145, IST0138)", () => {
  it("passes the stack's Gateways, and Gateways on different ports, hosts or workloads", () => {
    assert.deepEqual(messages(validObjects()), []);
    assert.deepEqual(
      messages([
        gateway("edge/a", { selector: INGRESS, servers: [server(80, ["foo.example.com"])] }),
        gateway("edge/b", { selector: INGRESS, servers: [server(443, ["foo.example.com"]), server(80, ["bar.example.com"])] }),
        gateway("edge/c", { selector: { istio: "internal" }, servers: [server(80, ["foo.example.com"])] }),
      ]),
      [],
    );
  });

  it("flags both Gateways declaring one host on one port of one workload", () => {
    assert.deepEqual(
      messages([
        gateway("edge/alpha", { selector: INGRESS, servers: [server(80, ["foo.example.com"])] }),
        gateway("edge/beta", { selector: INGRESS, servers: [server(80, ["foo.example.com"])] }),
      ]),
      [
        "Gateway edge/alpha: declares host foo.example.com on port 80, as edge/beta does on the same gateway workload: the gateway keeps only one (IST0145)",
        "Gateway edge/beta: declares host foo.example.com on port 80, as edge/alpha does on the same gateway workload: the gateway keeps only one (IST0145)",
      ],
    );
  });

  it("counts nested selectors as one workload only when a pod carries both", () => {
    const narrow = gateway("edge/narrow", { selector: { ...INGRESS, tier: "gold" }, servers: [server(80, ["foo.example.com"])] });
    const wide = gateway("edge/wide", { selector: { tier: "gold" }, servers: [server(80, ["foo.example.com"])] });
    assert.deepEqual(messages([narrow, wide]), []);
    assert.equal(messages([narrow, wide, pod("edge/gw-1", { ...INGRESS, tier: "gold" })]).length, 2);
  });

  it("flags a Gateway presenting the certificate another Gateway of its workload presents", () => {
    const tls = (credentialName: string) => ({ tls: { mode: "SIMPLE", credentialName } });
    const objects = [
      gateway("edge/one", { selector: INGRESS, servers: [server(443, ["one.example.com"], tls("shared"))] }),
      gateway("edge/two", { selector: INGRESS, servers: [server(443, ["two.example.com"], tls("shared"))] }),
      gateway("edge/own", { selector: INGRESS, servers: [server(443, ["own.example.com"], tls("own"))] }),
      // A superset selector does not share all of one's pods: only the subset side is flagged, as istioctl does.
      gateway("edge/internal", { selector: { ...INGRESS, type: "internal" }, servers: [server(443, ["in.example.com"], tls("own"))] }),
    ];
    assert.deepEqual(messages(objects), [
      "Gateway edge/one: presents the certificate of credential shared, as edge/two does on the same gateway workload: HTTP/2 clients reuse connections across their hosts and get 404 (IST0138)",
      "Gateway edge/two: presents the certificate of credential shared, as edge/one does on the same gateway workload: HTTP/2 clients reuse connections across their hosts and get 404 (IST0138)",
      "Gateway edge/own: presents the certificate of credential own, as edge/internal does on the same gateway workload: HTTP/2 clients reuse connections across their hosts and get 404 (IST0138)",
    ]);
  });
});
