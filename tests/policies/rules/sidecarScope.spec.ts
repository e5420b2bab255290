import { strict as assert } from "node:assert";
import { sidecarScope } from "../../../policies/rules/sidecarScope";
import { validateObject, validObjects, withField } from "../policyHarness";

const sidecar = () => validObjects().find((o) => o.kind === "Sidecar" && o.metadata.namespace === "shop")!;

describe("sidecar-scope", () => {
  it("passes a Sidecar scoped to its namespace, the control plane and its callees", () => {
    assert.deepEqual(validateObject(sidecarScope, sidecar()), []);
  });

  it("flags an egress that imports every host", () => {
    assert.deepEqual(validateObject(sidecarScope, withField(sidecar(), "spec.egress.0.hosts", ["./*", "*/*"])), [
      "Sidecar shop/default: egress[0] imports */*: its proxies still hold every host of the mesh",
    ]);
  });

  it("flags a Sidecar without egress", () => {
    assert.deepEqual(validateObject(sidecarScope, withField(sidecar(), "spec.egress", undefined)), [
      "Sidecar shop/default: has no egress: its proxies still import every host of the mesh",
    ]);
  });
});
