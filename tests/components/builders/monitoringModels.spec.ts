import { strict as assert } from "node:assert";
import { stackObjects } from "../../../components/builders/stack";
import { describeObject, type K8sObject } from "../../../policies/vocabulary/k8sObject";
import { everythingConfig } from "../../helpers/configFixtures";
import { modelError as modelErrorIn, modelStacks, type ModelClass, type ModelLoaders } from "../../helpers/typedModels";

/** The generated constructors require a spec in their types; the validation is the same. */
const asModel = (model: unknown) => model as ModelClass;

/**
 * The typed Prometheus Operator models of `@kubernetes-models/prometheus-operator` (generated from
 * its CRDs), by apiVersion and kind: types, enums, patterns (a rule's `for` duration) and required fields. The
 * operator's CRDs come with the cluster, not with a chart of this stack, so `check --crds` sees
 * them only where someone passes them in.
 */
const MODELS: ModelLoaders = {
  "monitoring.coreos.com/v1/PodMonitor": async () =>
    asModel((await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor")).PodMonitor),
  "monitoring.coreos.com/v1/ServiceMonitor": async () =>
    asModel((await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor")).ServiceMonitor),
  "monitoring.coreos.com/v1/PrometheusRule": async () =>
    asModel((await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule")).PrometheusRule),
};

const modelError = (object: K8sObject) => modelErrorIn(MODELS, "Prometheus Operator", object);

const isMonitoring = (object: K8sObject) => object.apiVersion.startsWith("monitoring.coreos.com/");

describe("emitted Prometheus Operator objects against the operator's typed models", () => {
  for (const [name, config] of modelStacks()) {
    it(`${name}: every monitor and rule is valid`, async () => {
      const objects = stackObjects(config, () => "placeholder").filter(isMonitoring);
      if (!config.flagger.prometheusOperator) {
        assert.deepEqual(objects, []);
        return;
      }
      const podMonitors = config.istio.ingressGateway.enabled ? ["PodMonitor", "PodMonitor", "PodMonitor"] : ["PodMonitor", "PodMonitor"];
      assert.deepEqual(objects.map((o) => o.kind).sort(), [...podMonitors, "PrometheusRule", "ServiceMonitor"]);
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
