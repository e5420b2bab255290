import { strict as assert } from "node:assert";
import { gatewayPorts } from "../../../policies/rules/gatewayPorts";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { gateway, pod, server, service } from "../objectsFixture";
import { validateStackObjects, validObjects } from "../policyHarness";

const messages = (objects: K8sObject[], config: object = {}) => validateStackObjects(gatewayPorts, objects, config).map((r) => r.message);
const ingress = (...ports: number[]) =>
  gateway("edge/public", { selector: { istio: "ingressgateway" }, servers: ports.map((p) => server(p, ["*"])) });

describe("gateway-ports (IST0162, IST0101)", () => {
  it("passes the stack's Gateways, served by the ingress gateway it installs", () => {
    assert.deepEqual(messages(validObjects()), []);
    assert.deepEqual(messages([ingress(80, 443)]), []);
  });

  it("flags a server port the installed gateway's Service does not expose", () => {
    assert.deepEqual(messages([ingress(80, 8443)]), [
      "Gateway edge/public: servers[1] listens on port 8443, which no Service of its gateway workload (istio=ingressgateway) exposes (it exposes 80, 443, 15021) (IST0162)",
    ]);
  });

  it("reads the ports of the gateway pods' Services among the objects: target ports and the ports mapped to them", () => {
    const custom = gateway("edge/private", {
      selector: { app: "private-gw" },
      servers: [server(8080, ["*"]), server(9000, ["*"]), server(7000, ["*"])],
    });
    const objects = [
      custom,
      pod("edge/private-gw-1", { app: "private-gw" }),
      service("edge/private-gw", { selector: { app: "private-gw" }, ports: [{ port: 80, targetPort: 8080 }, { port: 9000 }] }),
      // A Service in another namespace never selects the pod.
      service("other/private-gw", { selector: { app: "private-gw" }, ports: [{ port: 7000 }] }),
    ];
    assert.deepEqual(messages(objects), [
      "Gateway edge/private: servers[2] listens on port 7000, which no Service of its gateway workload (app=private-gw) exposes (it exposes 80, 8080, 9000) (IST0162)",
    ]);
  });

  it("flags a selector that picks no gateway workload, and takes installed gateways from its config", () => {
    const typo = gateway("edge/typo", { selector: { istio: "ingresstypo" }, servers: [server(80, ["*"])] });
    assert.deepEqual(messages([typo]), [
      "Gateway edge/typo: selects no gateway workload: no pod among the objects and no installed gateway carries istio=ingresstypo (IST0101)",
    ]);
    const installed = { installedGateways: [{ namespace: "edge", labels: { istio: "ingresstypo" }, ports: [80] }] };
    assert.deepEqual(messages([typo], installed), []);
  });
});
