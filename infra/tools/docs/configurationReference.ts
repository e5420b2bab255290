/**
 * docs/configuration.md, generated from the config schema (infra/config/schema.ts) through its
 * JSON Schema: every key with its type, default, limits and description. `npm run docs` writes
 * it; a spec fails when the committed file differs, so the reference cannot drift from the code.
 */
import { z } from "zod";
import { ALERT_WEBHOOK_URLS_KEY, PROJECT, setAlertWebhookCommand } from "../../config/keys";
import { stackShape } from "../../config/schema";

/** The JSON Schema of one key, as zod writes it (only the parts the reference reads). */
interface Schema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Row {
  key: string;
  type: string;
  default: string;
  description: string;
}

const INT32_MAX = 2 ** 31 - 1;

const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
/** Table cells may not hold a pipe or a line break. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function rangeText(schema: Schema): string {
  const { minimum: min, maximum: max } = schema;
  const upper = max === undefined || max >= INT32_MAX ? undefined : max;
  if (min !== undefined && upper !== undefined) {
    return ` ${min}–${upper}`;
  }
  if (min !== undefined) {
    return ` ≥ ${min}`;
  }
  return upper !== undefined ? ` ≤ ${upper}` : "";
}

function typeText(schema: Schema): string {
  const variants = schema.oneOf ?? schema.anyOf;
  if (schema.enum) {
    return schema.enum.map(code).join(" | ");
  }
  if (schema.const !== undefined) {
    return code(schema.const);
  }
  if (variants) {
    return "one of the forms below";
  }
  switch (schema.type) {
    case "array": {
      const items = schema.items ?? {};
      const of =
        items.properties || items.oneOf ? "objects" : items.type === "string" && !items.enum ? "strings" : `${typeText(items)} values`;
      return `list of ${of}${schema.minItems ? `, at least ${schema.minItems}` : ""}`;
    }
    case "object":
      return schema.properties ? "object" : "map of strings";
    case "integer":
    case "number":
      return `${schema.type}${rangeText(schema)}`;
    case "string":
      return `string${schema.maxLength ? `, at most ${schema.maxLength} characters` : ""}`;
    default:
      return schema.type ?? "any";
  }
}

function defaultText(schema: Schema, required: boolean): string {
  if (schema.default !== undefined) {
    return typeof schema.default === "object" &&
      schema.default !== null &&
      Object.keys(schema.default).length === 0 &&
      !Array.isArray(schema.default)
      ? "its keys' defaults"
      : code(schema.default);
  }
  return required ? "required" : "none";
}

/** The discriminator of a union's forms: the key whose value is a constant in every form. */
function discriminator(forms: Schema[]): string | undefined {
  const keys = Object.keys(forms[0]?.properties ?? {});
  return keys.find((key) => forms.every((form) => form.properties?.[key]?.const !== undefined));
}

/** The keys of a nested union (`kiali.auth`): its discriminator once, then each form's own keys, saying which form. */
function unionRows(forms: Schema[], prefix: string): Row[] {
  const by = discriminator(forms);
  if (!by) {
    return forms.flatMap((form) => rows(form, prefix));
  }
  const values = forms.map((form) => form.properties?.[by]?.const);
  const which: Row = {
    key: `${prefix}${by}`,
    type: values.map(code).join(" | "),
    default: "required",
    description: forms.map((form, i) => `${code(values[i])}: ${form.description ?? ""}`).join(" "),
  };
  return [
    which,
    ...forms.flatMap((form, i) =>
      rows(form, prefix)
        .filter((row) => row.key !== which.key)
        .map((row) => ({ ...row, description: `With \`${by}: ${String(values[i])}\`: ${row.description}` })),
    ),
  ];
}

/** The rows of an object's keys and, below each, its own keys (`a.b`, `list[].c`). */
function rows(schema: Schema, prefix: string): Row[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => {
    const key = `${prefix}${name}`;
    const own: Row = {
      key,
      type: typeText(child),
      default: defaultText(child, required.has(name)),
      description: child.description ?? "",
    };
    const forms = child.oneOf ?? child.anyOf;
    const nested =
      child.type === "array" && child.items?.properties
        ? rows(child.items, `${key}[].`)
        : child.properties
          ? rows(child, `${key}.`)
          : forms
            ? unionRows(forms, `${key}.`)
            : [];
    return [own, ...nested];
  });
}

function table(list: Row[]): string[] {
  return [
    "| key | type | default | description |",
    "| --- | --- | --- | --- |",
    ...list.map((row) => `| ${code(row.key)} | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`),
  ];
}

/** A section for one top-level key: its description, its keys, and one table per form of a union. */
function section(name: string, schema: Schema, required: boolean): string[] {
  const title = `## \`${name}\`${required ? " (required)" : ""}`;
  const lines = [title, "", schema.description ?? "", ""];
  const target = schema.type === "array" && schema.items ? schema.items : schema;
  const forms = target.oneOf ?? target.anyOf;
  // A list's entries are described key by key, as a stack file writes them under `- `.
  const prefix = "";
  if (schema.type === "array") {
    lines.push(
      `A list${schema.minItems ? ` of at least ${schema.minItems}` : ""}${schema.default !== undefined ? `, by default ${code(schema.default)}` : ""}; each entry:`,
      "",
    );
  } else if (!schema.properties && !forms) {
    lines.push(`Type: ${typeText(schema)}. Default: ${defaultText(schema, required)}.`, "");
    return lines;
  }
  if (!forms) {
    return [...lines, ...table(rows(target, prefix)), ""];
  }
  const by = discriminator(forms);
  const formRows = forms.map((form) => rows(form, prefix));
  const common = formRows[0].filter((row) => formRows.every((list) => list.some((other) => JSON.stringify(other) === JSON.stringify(row))));
  const isCommon = (row: Row) => common.some((c) => JSON.stringify(c) === JSON.stringify(row));
  if (common.length > 1) {
    lines.push("Every form:", "", ...table(common), "");
  }
  forms.forEach((form, i) => {
    const value = by ? form.properties?.[by]?.const : undefined;
    const heading = by ? `With \`${by}: ${String(value)}\`` : `Form ${i + 1}`;
    lines.push(
      `${heading}${form.description ? `: ${form.description}` : ""}`,
      "",
      ...table(formRows[i].filter((row) => !isCommon(row) || common.length <= 1)),
      "",
    );
  });
  return lines;
}

export function configurationReference(): string {
  const schema = z.toJSONSchema(stackShape, { io: "input", unrepresentable: "any" }) as Schema;
  const required = new Set(schema.required ?? []);
  const sections = Object.entries(schema.properties ?? {}).flatMap(([name, child]) => section(name, child, required.has(name)));
  return [
    "# Stack configuration reference",
    "",
    "<!-- Generated by `npm run docs` from infra/config/schema.ts; edit the schema's descriptions, not this file. -->",
    "",
    `Each key is \`${PROJECT}:<key>\` under \`config:\` in \`Pulumi.<stack>.yaml\`. The program and the offline tools`,
    "validate the whole file before anything else and report every problem at once, each with its key, the",
    "list item it is in (`service payment-service`), the stack file's line and the value written there.",
    "Whatever the cluster would refuse is refused here too; the rules that span several keys (revisions",
    "that serve every selection, calls to declared services, names Flagger derives…) are in",
    "infra/config/stackRules.ts and its neighbours.",
    "",
    ...sections,
    `## \`${ALERT_WEBHOOK_URLS_KEY}\` (secret)`,
    "",
    "Each alert provider's incoming-webhook URL (`https://`), by provider name: a Pulumi secret, never in",
    `plain text. Set each with \`${setAlertWebhookCommand("<provider>")}\`. Every provider of`,
    "`flagger.alertProviders` needs one and every URL a provider; each reaches the cluster only as the",
    "Secret `flagger-<provider>` its AlertProvider references.",
    "",
  ].join("\n");
}
