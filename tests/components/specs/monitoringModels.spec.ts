import { strict as assert } from "node:assert";
import { stackObjects } from "../../../components/specs/stack";
import { projectConfigValues } from "../../../infra/config/configValues";
import { parseStackConfig } from "../../../infra/config/parse";
import type { StackConfig } from "../../../infra/config/stackConfig";
import { describeObject, type K8sObject } from "../../../policies/vocabulary/k8sObject";
import { everythingConfig } from "../../helpers/configFixtures";
import { stackFileConfig, stackNames } from "../../helpers/stackFiles";

interface Model {
  validate(): void;
}
type ModelClass = new (data: object) => Model;
/** The generated constructors require a spec in their types; the validation is the same. */
const asModel = (model: unknown) => model as ModelClass;

/**
 * The typed Prometheus Operator models of `@kubernetes-models/prometheus-operator` (generated from
 * its CRDs), by kind: types, enums, patterns (a rule's `for` duration) and required fields. The
 * operator's CRDs come with the cluster, not with a chart of this stack, so `check --crds` sees
 * them only where someone passes them in.
 */
const MODELS: Record<string, () => Promise<ModelClass>> = {
  PodMonitor: async () => asModel((await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor")).PodMonitor),
  ServiceMonitor: async () =>
    asModel((await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor")).ServiceMonitor),
  PrometheusRule: async () =>
    asModel((await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule")).PrometheusRule),
};

async function modelError(object: K8sObject): Promise<string | undefined> {
  const load = MODELS[object.kind];
  assert.ok(load, `no Prometheus Operator model for ${object.kind}: add it to MODELS`);
  const Model = await load();
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

const isMonitoring = (object: K8sObject) => object.apiVersion.startsWith("monitoring.coreos.com/");

describe("emitted Prometheus Operator objects against the operator's typed models", () => {
  const stacks: [string, StackConfig][] = [
    ...stackNames().map((name) => [name, parseStackConfig(projectConfigValues(stackFileConfig(name)))] as [string, StackConfig]),
    ["every option", everythingConfig()],
  ];
  for (const [name, config] of stacks) {
    it(`${name}: every monitor and rule is valid`, async () => {
      const objects = stackObjects(config, () => "placeholder").filter(isMonitoring);
      if (!config.flagger.prometheusOperator) {
        assert.deepEqual(objects, []);
        return;
      }
      assert.deepEqual(objects.map((o) => o.kind).sort(), ["PodMonitor", "PodMonitor", "PrometheusRule", "ServiceMonitor"]);
      for (const object of objects) {
        assert.equal(await modelError(object), undefined, describeObject(object));
      }
    });
  }

  it("rejects a rule whose for is not a Prometheus duration", async () => {
    const rule = stackObjects(everythingConfig(), () => "x").find((o) => o.kind === "PrometheusRule")!;
    const broken = JSON.parse(JSON.stringify(rule));
    broken.spec.groups[0].rules[1].for = "14 minutes";
    assert.match((await modelError(broken))!, /data\/spec\/groups\/0\/rules\/1\/for must match pattern/);
  });
});
