import { strict as assert } from "node:assert";
import { destinationRuleCa } from "../../../policies/rules/destinationRuleCa";
import { object } from "../objectsFixture";
import { validateObject, validObjects } from "../policyHarness";

const rule = (spec: Record<string, unknown>) =>
  object("networking.istio.io/v1", "DestinationRule", "shop/db", { spec: { host: "db.example.com", ...spec } });

describe("destination-rule-ca (IST0128, IST0129)", () => {
  it("passes the stack's DestinationRules (ISTIO_MUTUAL), and origination with a CA or a selected credential", () => {
    for (const o of validObjects()) {
      assert.deepEqual(validateObject(destinationRuleCa, o), [], o.metadata.name);
    }
    assert.deepEqual(
      validateObject(destinationRuleCa, rule({ trafficPolicy: { tls: { mode: "SIMPLE", caCertificates: "/etc/ca.pem" } } })),
      [],
    );
    assert.deepEqual(
      validateObject(
        destinationRuleCa,
        rule({ workloadSelector: { matchLabels: { app: "db" } }, trafficPolicy: { tls: { mode: "MUTUAL", credentialName: "db" } } }),
      ),
      [],
    );
  });

  it("flags SIMPLE or MUTUAL without a CA, for the host and per port, a credential without a selector included", () => {
    const spec = {
      trafficPolicy: {
        tls: { mode: "MUTUAL", credentialName: "db" },
        portLevelSettings: [
          { port: { number: 5432 }, tls: { mode: "SIMPLE" } },
          { port: { number: 8080 }, tls: { mode: "DISABLE" } },
        ],
      },
    };
    assert.deepEqual(validateObject(destinationRuleCa, rule(spec)), [
      "DestinationRule shop/db: trafficPolicy.tls originates MUTUAL TLS to db.example.com without caCertificates: the server's certificate is never verified (IST0128)",
      "DestinationRule shop/db: trafficPolicy.portLevelSettings[0].tls originates SIMPLE TLS to db.example.com port 5432 without caCertificates: the server's certificate is never verified (IST0129)",
    ]);
  });
});
