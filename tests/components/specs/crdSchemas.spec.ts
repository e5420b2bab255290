import { strict as assert } from "node:assert";
import { stackObjects } from "../../../components/specs/stack";
import { parseStackConfig } from "../../../infra/config/parse";
import { projectConfigValues } from "../../../infra/config/configValues";
import { everythingConfig } from "../../helpers/configFixtures";
import { crdSchemaErrors } from "../../helpers/crdSchemas";
import { stackFileConfig } from "../../helpers/stackFiles";
import { describeObject } from "../../../policies/vocabulary/k8sObject";

describe("emitted objects against the Istio 1.30.3 and Flagger 1.44.0 CRD schemas", () => {
  const stacks = {
    production: parseStackConfig(projectConfigValues(stackFileConfig("production"))),
    staging: parseStackConfig(projectConfigValues(stackFileConfig("staging"))),
    "every option": everythingConfig(),
  };
  for (const [name, config] of Object.entries(stacks)) {
    it(`${name}: every custom resource is valid`, () => {
      const objects = stackObjects(config, "placeholder");
      const checked = objects.filter((o) => o.apiVersion.includes("istio.io") || o.apiVersion.startsWith("flagger.app"));
      assert.ok(checked.length >= 5);
      for (const object of checked) {
        assert.deepEqual(crdSchemaErrors(object), [], describeObject(object));
      }
    });
  }

  it("rejects a field the CRD does not declare, and a pattern violation", () => {
    const [canary] = stackObjects(stacks.production, "x").filter((o) => o.kind === "Canary");
    const broken = JSON.parse(JSON.stringify(canary));
    broken.spec.service.trafficPolicy.connectionPool.tcp = { maxConnections: 1 };
    broken.spec.analysis.interval = "30";
    const errors = crdSchemaErrors(broken);
    assert.ok(
      errors.some((e) => e.includes("/spec/service/trafficPolicy/connectionPool") && e.includes("additionalProperty")),
      errors.join("\n"),
    );
    assert.ok(
      errors.some((e) => e.includes("/spec/analysis/interval") && e.includes("pattern")),
      errors.join("\n"),
    );
  });

  it("refuses to vouch for a kind whose schema is not vendored", () => {
    assert.throws(
      () => crdSchemaErrors({ apiVersion: "networking.istio.io/v1", kind: "Gateway", metadata: { name: "g" } }),
      /no vendored CRD schema/,
    );
  });
});
