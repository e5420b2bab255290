/**
 * Validates emitted objects against the real Istio 1.30.3 / Flagger 1.44.0 CRD schemas, vendored
 * under tests/fixtures/crd-schemas by scripts/vendor-crd-schemas.ts.
 *
 * The API server drops (or, with strict field validation, rejects) fields a structural schema
 * does not declare, so a typo would vanish silently in a cluster. Here every declared object
 * schema is closed (`additionalProperties: false`) to turn such typos into test failures. CEL
 * rules (`x-kubernetes-validations`) are not evaluated.
 */
import Ajv, { type ValidateFunction } from "ajv";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";

const SCHEMA_DIR = path.resolve(__dirname, "..", "fixtures", "crd-schemas");

function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(closeObjects);
  }
  if (typeof node !== "object" || node === null) {
    return node;
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    result[key] =
      key === "properties"
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closeObjects(v)]))
        : closeObjects(value);
  }
  const isClosable =
    result.type === "object" &&
    result.properties &&
    result.additionalProperties === undefined &&
    !result["x-kubernetes-preserve-unknown-fields"];
  if (isClosable) {
    result.additionalProperties = false;
  }
  return result;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ValidateFunction>();
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".json"))) {
  const [group, version, kind] = file.replace(/\.json$/, "").split("_");
  const { schema } = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), "utf8")) as { schema: object };
  // The API server adds the object envelope itself; Istio's schemas do not declare it.
  const withEnvelope = {
    ...schema,
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      ...(schema as { properties?: object }).properties,
    },
  };
  validators.set(`${group}/${version}/${kind}`, ajv.compile(closeObjects(withEnvelope) as object));
}

/** Kinds whose schemas are not vendored, and why. */
export const UNVALIDATED_KINDS: Record<string, string> = {
  Namespace: "built-in, typed by @pulumi/kubernetes",
  Secret: "built-in, typed by @pulumi/kubernetes",
  PodMonitor: "Prometheus Operator CRD, not among the pinned upstream schemas",
  ServiceMonitor: "Prometheus Operator CRD, not among the pinned upstream schemas",
};

/** Schema violations of one object, as `path message` strings; throws for a kind with no schema. */
export function crdSchemaErrors(object: K8sObject): string[] {
  if (object.kind in UNVALIDATED_KINDS) {
    return [];
  }
  const validate = validators.get(`${object.apiVersion}/${object.kind}`);
  if (!validate) {
    throw new Error(`no vendored CRD schema for ${object.apiVersion} ${object.kind}: add it to scripts/vendor-crd-schemas.ts`);
  }
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}
