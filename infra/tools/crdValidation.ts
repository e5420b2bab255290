/**
 * An object against its CRD, as the API server validates it on create:
 * - the structural schema (types, enums, required fields, patterns, formats, int-or-string,
 *   bounds), with `ajv`; a field the schema does not declare is reported, where the API server
 *   would drop it silently or refuse it under strict field validation;
 * - list uniqueness (`x-kubernetes-list-type: set` and `map` with its keys);
 * - every `x-kubernetes-validations` CEL rule, with `self` bound to the value at that node, and the
 *   CRD's own message when it fails. Transition rules (`oldSelf`) need the stored object and are
 *   not evaluated.
 * Each finding names the field path and the message.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { RE2JS } from "re2js";
import { dict, isDict, list, type Dict } from "../../policies/rules/lib/objects";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { evaluateRule } from "./celRules";
import type { CrdVersion } from "./crdIndex";

export interface CrdFinding {
  /** `spec.http[0].timeout`. */
  path: string;
  message: string;
}

const INT_OR_STRING = "x-kubernetes-int-or-string";
const PRESERVE_UNKNOWN = "x-kubernetes-preserve-unknown-fields";

/** The formats the API server checks; others (`double`, `string`, `url`) are annotations. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * CRD patterns are Go regular expressions (RE2), checked by the API server with Go's regexp: some
 * use RE2-only syntax such as a leading `(?i)` (the Prometheus Operator's PrometheusRule does),
 * which JavaScript's RegExp refuses. re2js runs them as Go would; a pattern matches anywhere in the
 * value, as JSON Schema and the API server both read `pattern`.
 */
function goRegExp(pattern: string): { test: (value: string) => boolean; toString: () => string } {
  const compiled = RE2JS.compile(pattern);
  return { test: (value) => compiled.matcher(value).find(), toString: () => pattern };
}
goRegExp.code = "re2js";

const ajv = new Ajv({ strict: false, allErrors: true, code: { regExp: goRegExp } });
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
ajv.addFormat("date-time", RFC3339);
ajv.addFormat("byte", BASE64);
for (const annotation of ["double", "float", "string", "url", "uri"]) {
  ajv.addFormat(annotation, true);
}
ajv.addKeyword({
  keyword: INT_OR_STRING,
  schemaType: "boolean",
  validate: (enabled: boolean, data: unknown) => !enabled || typeof data === "string" || Number.isInteger(data),
});

/** What every object may carry at its root whatever the CRD's schema lists. */
const ROOT_FIELDS = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" } };

/**
 * The CRD schema as ajv reads it: each object schema that lists its properties is closed
 * (`additionalProperties: false`, unless it preserves unknown fields), so an undeclared field
 * becomes an error instead of vanishing.
 */
function closedSchema(node: unknown, root = false): unknown {
  if (Array.isArray(node)) {
    return node.map((n) => closedSchema(n));
  }
  if (!isDict(node)) {
    return node;
  }
  const result: Dict = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "x-kubernetes-validations") {
      continue; // evaluated with CEL, below
    }
    result[key] =
      key === "properties" && isDict(value)
        ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, closedSchema(child)]))
        : closedSchema(value);
  }
  if (root) {
    result.properties = { ...ROOT_FIELDS, ...dict(result.properties) };
  }
  if (isDict(result.properties) && result.additionalProperties === undefined && result[PRESERVE_UNKNOWN] !== true) {
    result.additionalProperties = false;
  }
  return result;
}

const validators = new WeakMap<Dict, ValidateFunction>();

function validatorFor(version: CrdVersion): ValidateFunction {
  let validate = validators.get(version.schema);
  if (!validate) {
    validate = ajv.compile(closedSchema(version.schema, true) as object);
    validators.set(version.schema, validate);
  }
  return validate;
}

/** `/spec/http/0/timeout` → `spec.http[0].timeout` */
function fieldPath(pointer: string, child?: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child !== undefined) {
    parts.push(child);
  }
  return parts.reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");
}

function structuralFinding(error: ErrorObject): CrdFinding {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return {
        path: fieldPath(error.instancePath, String(params.additionalProperty)),
        message: "unknown field: the CRD declares no such field",
      };
    case "required":
      return { path: fieldPath(error.instancePath, String(params.missingProperty)), message: "Required value" };
    case "enum":
      return {
        path: fieldPath(error.instancePath),
        message: `Unsupported value: supported values: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case INT_OR_STRING:
      return { path: fieldPath(error.instancePath), message: "must be an integer or a string" };
    default:
      return { path: fieldPath(error.instancePath), message: error.message ?? error.keyword };
  }
}

/** The value as CEL sees it: integers of integer fields as CEL ints (bigint), everything else as read. */
function celValue(value: unknown, schema: Dict): unknown {
  if (typeof value === "number" && Number.isInteger(value) && (schema.type === "integer" || schema[INT_OR_STRING] === true)) {
    return BigInt(value);
  }
  if (Array.isArray(value)) {
    const items = dict(schema.items);
    return value.map((item) => celValue(item, items));
  }
  if (isDict(value)) {
    const properties = dict(schema.properties);
    const additional = dict(schema.additionalProperties);
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, celValue(child, dict(properties[key] ?? additional))]));
  }
  return value;
}

function duplicatesIn(items: unknown[], keyOf: (item: unknown) => string): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    const duplicate = seen.has(key);
    seen.add(key);
    return duplicate;
  });
}

/** List uniqueness and CEL rules, walking the schema and the value together. */
function semanticFindings(schema: Dict, value: unknown, path: string, findings: CrdFinding[]): void {
  if (value === undefined || value === null) {
    return;
  }
  if (Array.isArray(value)) {
    const listType = schema["x-kubernetes-list-type"];
    if (listType === "set" || listType === "map") {
      const keys = list(schema["x-kubernetes-list-map-keys"]).map(String);
      const keyOf = (item: unknown) => JSON.stringify(listType === "map" ? keys.map((k) => dict(item)[k]) : item);
      for (const duplicate of duplicatesIn(value, keyOf)) {
        findings.push({ path, message: `Duplicate value: ${keyOf(duplicate)}` });
      }
    }
  }
  for (const validation of list(schema["x-kubernetes-validations"]).map(dict)) {
    const rule = validation.rule;
    if (typeof rule !== "string" || /\boldSelf\b/.test(rule)) {
      continue; // transition rules compare with the stored object, which an offline check has not
    }
    const at = typeof validation.fieldPath === "string" ? `${path}${validation.fieldPath}` : path;
    let passed: unknown;
    try {
      passed = evaluateRule(rule, celValue(value, schema));
    } catch (error) {
      findings.push({ path: at, message: `rule ${rule} could not be evaluated: ${(error as Error).message.split("\n")[0]}` });
      continue;
    }
    if (passed !== true) {
      findings.push({ path: at, message: typeof validation.message === "string" ? validation.message : `failed rule: ${rule}` });
    }
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => semanticFindings(dict(schema.items), item, `${path}[${i}]`, findings));
  } else if (isDict(value)) {
    const properties = dict(schema.properties);
    for (const [key, child] of Object.entries(value)) {
      const childSchema = properties[key] ?? (isDict(schema.additionalProperties) ? schema.additionalProperties : undefined);
      if (isDict(childSchema)) {
        semanticFindings(childSchema, child, path ? `${path}.${key}` : key, findings);
      }
    }
  }
}

/** Every way the API server would refuse the object under this CRD version; [] when it would take it. */
export function crdFindings(object: K8sObject, version: CrdVersion): CrdFinding[] {
  let validate: ValidateFunction;
  try {
    validate = validatorFor(version);
  } catch (error) {
    // A CRD whose schema the API server would not have accepted (a bad pattern, say) cannot judge objects.
    return [{ path: "", message: `the CRD's schema cannot be used: ${(error as Error).message.split("\n")[0]}` }];
  }
  const findings: CrdFinding[] = [];
  if (!validate(object)) {
    findings.push(...(validate.errors ?? []).filter((e) => e.keyword !== "if").map(structuralFinding));
  }
  if (findings.length === 0) {
    // CEL rules assume a structurally valid object; the API server evaluates them only then too.
    semanticFindings(version.schema, object, "", findings);
  }
  return findings;
}
