import { strict as assert } from "node:assert";
import { serviceEntryExport } from "../../../policies/rules/serviceEntryExport";
import { validateObject, validObject, withField } from "../policyHarness";

const entry = () => validObject("ServiceEntry", "payments");

describe("service-entry-export", () => {
  it("passes a ServiceEntry exported to its own namespace", () => {
    assert.deepEqual(validateObject(serviceEntryExport, entry()), []);
  });

  it("flags a ServiceEntry without exportTo, or exported to every namespace", () => {
    assert.deepEqual(validateObject(serviceEntryExport, withField(entry(), "spec.exportTo", undefined)), [
      "ServiceEntry shop/payments: has no exportTo: it is visible to every namespace of the mesh",
    ]);
    assert.deepEqual(validateObject(serviceEntryExport, withField(entry(), "spec.exportTo", [".", "*"])), [
      'ServiceEntry shop/payments: is exported to every namespace (exportTo: "*")',
    ]);
  });
});
