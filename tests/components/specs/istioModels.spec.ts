import { strict as assert } from "node:assert";
import { stackObjects } from "../../../components/specs/stack";
import { projectConfigValues } from "../../../infra/config/configValues";
import { parseStackConfig } from "../../../infra/config/parse";
import { describeObject, type K8sObject } from "../../../policies/vocabulary/k8sObject";
import { everythingConfig } from "../../helpers/configFixtures";
import { stackFileConfig, stackNames } from "../../helpers/stackFiles";

interface Model {
  validate(): void;
}
type ModelClass = new (data: object) => Model;

/**
 * The typed Istio models of `@kubernetes-models/istio` (generated from Istio's CRDs), by
 * apiVersion and kind. They check types, enums and required fields; they do not reject fields a
 * CRD does not declare (the builders' types catch those at compile time) nor run CEL rules: the
 * full check against the real CRDs is `check --crds`.
 */
const MODELS: Record<string, () => Promise<ModelClass>> = {
  "networking.istio.io/v1/DestinationRule": async () =>
    (await import("@kubernetes-models/istio/networking.istio.io/v1/DestinationRule")).DestinationRule,
  "networking.istio.io/v1/VirtualService": async () =>
    (await import("@kubernetes-models/istio/networking.istio.io/v1/VirtualService")).VirtualService,
  "security.istio.io/v1/PeerAuthentication": async () =>
    (await import("@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication")).PeerAuthentication,
  "security.istio.io/v1/AuthorizationPolicy": async () =>
    (await import("@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy")).AuthorizationPolicy,
  "networking.istio.io/v1/Gateway": async () => (await import("@kubernetes-models/istio/networking.istio.io/v1/Gateway")).Gateway,
  // ServiceEntry's constructor requires a spec in its type; the validation is the same.
  "networking.istio.io/v1/ServiceEntry": async () =>
    (await import("@kubernetes-models/istio/networking.istio.io/v1/ServiceEntry")).ServiceEntry as unknown as ModelClass,
  "networking.istio.io/v1/Sidecar": async () => (await import("@kubernetes-models/istio/networking.istio.io/v1/Sidecar")).Sidecar,
  "networking.istio.io/v1alpha3/EnvoyFilter": async () =>
    (await import("@kubernetes-models/istio/networking.istio.io/v1alpha3/EnvoyFilter")).EnvoyFilter,
  "telemetry.istio.io/v1/Telemetry": async () => (await import("@kubernetes-models/istio/telemetry.istio.io/v1/Telemetry")).Telemetry,
};

/** Why the Istio model refuses an object, or undefined when it accepts it; fails for a kind without a model. */
async function modelError(object: K8sObject): Promise<string | undefined> {
  const load = MODELS[`${object.apiVersion}/${object.kind}`];
  assert.ok(load, `no Istio model for ${object.apiVersion} ${object.kind}: add it to MODELS`);
  const Model = await load();
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

const isIstio = (object: K8sObject) => object.apiVersion.includes(".istio.io/");

describe("emitted Istio objects against Istio's typed models", () => {
  const stacks: [string, ReturnType<typeof everythingConfig>][] = [
    ...stackNames().map(
      (name) => [name, parseStackConfig(projectConfigValues(stackFileConfig(name)))] as [string, ReturnType<typeof everythingConfig>],
    ),
    ["every option", everythingConfig()],
  ];
  for (const [name, config] of stacks) {
    it(`${name}: every Istio object is valid`, async () => {
      const objects = stackObjects(config, () => "placeholder").filter(isIstio);
      assert.ok(objects.length > 0, "the stack emits Istio objects");
      for (const object of objects) {
        assert.equal(await modelError(object), undefined, describeObject(object));
      }
    });
  }

  it("rejects a value outside an enum and a value of the wrong type", async () => {
    const rule = stackObjects(everythingConfig(), () => "x").find((o) => o.kind === "DestinationRule")!;
    const tls = JSON.parse(JSON.stringify(rule));
    tls.spec.trafficPolicy.tls.mode = "ISTIO_MUTUALX";
    assert.equal(await modelError(tls), "data/spec/trafficPolicy/tls/mode must be equal to one of the allowed values");
    const errors = JSON.parse(JSON.stringify(rule));
    errors.spec.trafficPolicy.outlierDetection.consecutive5xxErrors = "three";
    assert.equal(await modelError(errors), "data/spec/trafficPolicy/outlierDetection/consecutive5xxErrors must be integer");
  });

  it("refuses to vouch for an Istio kind it has no model for", async () => {
    await assert.rejects(
      modelError({ apiVersion: "networking.istio.io/v1", kind: "WorkloadEntry", metadata: { name: "w" } }),
      /no Istio model for networking.istio.io\/v1 WorkloadEntry/,
    );
  });
});
