import { strict as assert } from "node:assert";
import { serviceEntryAddresses } from "../../../policies/rules/serviceEntryAddresses";
import { object } from "../objectsFixture";
import { validateObject, validObjects } from "../policyHarness";

const entry = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  object("networking.istio.io/v1", "ServiceEntry", "shop/db", { spec: { hosts: ["db.example.com"], ...spec }, ...extra });

describe("service-entry-addresses (IST0134)", () => {
  it("passes the stack's ServiceEntries, TCP with addresses or allocated ones, and other protocols", () => {
    for (const o of validObjects()) {
      assert.deepEqual(validateObject(serviceEntryAddresses, o), [], o.metadata.name);
    }
    assert.deepEqual(
      validateObject(serviceEntryAddresses, entry({ addresses: ["10.0.0.0/24"], ports: [{ number: 5432, protocol: "TCP" }] })),
      [],
    );
    assert.deepEqual(
      validateObject(
        serviceEntryAddresses,
        entry({ ports: [{ number: 5432, protocol: "TCP" }] }, { status: { addresses: [{ value: "240.240.0.1" }] } }),
      ),
      [],
    );
    assert.deepEqual(validateObject(serviceEntryAddresses, entry({ ports: [{ number: 443, protocol: "TLS" }] })), []);
    assert.deepEqual(
      validateObject(serviceEntryAddresses, entry({ ports: [{ number: 5432, protocol: "TCP" }] }), { addressesAutoAllocated: true }),
      [],
    );
  });

  it("flags each TCP port, or port without a protocol, of an entry without addresses", () => {
    assert.deepEqual(
      validateObject(
        serviceEntryAddresses,
        entry({ ports: [{ number: 5432, protocol: "tcp" }, { number: 6379 }, { number: 443, protocol: "HTTPS" }] }),
      ),
      [
        "ServiceEntry shop/db: ports[0] is TCP on port 5432 and the entry has no addresses: its sidecars claim that port for every destination (IST0134)",
        "ServiceEntry shop/db: ports[1] is TCP (no protocol) on port 6379 and the entry has no addresses: its sidecars claim that port for every destination (IST0134)",
      ],
    );
  });
});
