import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { carriesSecret, secretIfCarrying } from "../../components/secrecy";
import { unwrap } from "../helpers/pulumiHarness";

describe("secrecy", () => {
  const secrets = new Set(["http://u:p@prom:9090", "abc123", ""]);

  it("finds a secret string anywhere inside a value, and a name-shaped one only as a whole value", () => {
    assert.equal(carriesSecret({ spec: { provider: { address: "http://u:p@prom:9090" } } }, secrets), true);
    assert.equal(carriesSecret(["curl -s http://u:p@prom:9090/api"], secrets), true);
    assert.equal(carriesSecret({ headers: { "x-token": { exact: "abc123" } } }, secrets), true);
    assert.equal(carriesSecret({ host: "abc123.apps.svc.cluster.local" }, secrets), false);
    assert.equal(carriesSecret({ replicas: 2, enabled: true, name: "web" }, secrets), false);
    assert.equal(carriesSecret({ address: "http://u:p@prom:9090" }, undefined), false);
  });

  it("wraps only a value that carries a secret", async () => {
    const wrapped = secretIfCarrying({ address: "http://u:p@prom:9090" }, secrets);
    assert.ok(pulumi.Output.isInstance(wrapped));
    assert.deepEqual(await unwrap(wrapped as pulumi.Output<unknown>), { value: { address: "http://u:p@prom:9090" }, secret: true });
    const plain = { address: "http://prom:9090" };
    assert.equal(secretIfCarrying(plain, secrets), plain);
  });
});
