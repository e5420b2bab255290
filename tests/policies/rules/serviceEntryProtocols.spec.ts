import { strict as assert } from "node:assert";
import { serviceEntryProtocols } from "../../../policies/rules/serviceEntryProtocols";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { object } from "../objectsFixture";
import { validateStackObjects, validObjects } from "../policyHarness";

const messages = (objects: K8sObject[]) => validateStackObjects(serviceEntryProtocols, objects).map((r) => r.message);
const entry = (name: string, protocol: string, exportTo?: string[]) =>
  object("networking.istio.io/v1", "ServiceEntry", name, {
    spec: { hosts: ["api.example.com"], ports: [{ number: 443, protocol }], ...(exportTo ? { exportTo } : {}) },
  });

describe("service-entry-protocols (IST0177)", () => {
  it("passes the stack's ServiceEntries, one protocol per host and port, and entries never visible together", () => {
    assert.deepEqual(messages(validObjects()), []);
    assert.deepEqual(messages([entry("a/one", "HTTPS"), entry("b/two", "https")]), []);
    assert.deepEqual(messages([entry("a/one", "HTTPS", ["."]), entry("b/two", "TLS", ["."])]), []);
  });

  it("flags every entry of one host and port with different protocols where they meet, `*` meeting every namespace", () => {
    const conflict = [
      "declares api.example.com port 443, which a/one, b/two declare with the protocols HTTP, HTTPS: proxies keep one and break the other (IST0177)",
    ];
    assert.deepEqual(messages([entry("a/one", "HTTPS", ["."]), entry("b/two", "HTTP")]), [
      `ServiceEntry a/one: ${conflict[0]}`,
      `ServiceEntry b/two: ${conflict[0]}`,
    ]);
  });
});
