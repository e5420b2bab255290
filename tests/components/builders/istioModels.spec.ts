import { strict as assert } from "node:assert";
import { stackObjects } from "../../../components/builders/stack";
import { describeObject, type K8sObject } from "../../../policies/vocabulary/k8sObject";
import { everythingConfig } from "../../helpers/configFixtures";
import { modelError as modelErrorIn, modelStacks, type ModelClass, type ModelLoaders } from "../../helpers/typedModels";

/**
 * The typed Istio models of `@kubernetes-models/istio` (generated from Istio's CRDs), by
 * apiVersion and kind. They check types, enums and required fields; they do not reject fields a
 * CRD does not declare (the builders' types catch those at compile time) nor run CEL rules: the
 * full check against the real CRDs is `check --crds`.
 */
const MODELS: ModelLoaders = {
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

const modelError = (object: K8sObject) => modelErrorIn(MODELS, "Istio", object);

const isIstio = (object: K8sObject) => object.apiVersion.includes(".istio.io/");

describe("emitted Istio objects against Istio's typed models", () => {
  for (const [name, config] of modelStacks()) {
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
