import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { stackShape } from "../../infra/config/schema";
import { generatedDocs } from "../../infra/tools/cli/docs";
import { RULES } from "../../policies/rules";
import { PROJECT_ROOT } from "../helpers/stackFiles";

interface JsonSchema {
  description?: string;
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

/** Every key of the config's JSON Schema, as `a.b` / `list[].c`, with its schema. */
function keys(schema: JsonSchema, prefix = ""): [string, JsonSchema][] {
  const forms = schema.oneOf ?? schema.anyOf ?? [schema];
  return forms.flatMap((form) =>
    Object.entries(form.properties ?? {}).flatMap(([name, child]): [string, JsonSchema][] => {
      const key = `${prefix}${name}`;
      const nested = child.items ? keys(child.items, `${key}[].`) : keys(child, `${key}.`);
      return [[key, child], ...nested];
    }),
  );
}

describe("the references generated from the code", () => {
  for (const { file, content } of generatedDocs()) {
    it(`${file} is what npm run docs writes from the code today`, () => {
      assert.equal(readFileSync(path.join(PROJECT_ROOT, file), "utf8"), content, `${file} is stale: run npm run docs`);
    });
  }

  it("describes every config key, except the constant that tells a union's forms apart", () => {
    const schema = z.toJSONSchema(stackShape, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const undescribed = keys(schema)
      .filter(([, child]) => !child.description && child.const === undefined)
      .map(([key]) => key);
    assert.deepEqual(undescribed, []);
  });

  it("lists every config key in docs/configuration.md", () => {
    const reference = readFileSync(path.join(PROJECT_ROOT, "docs", "configuration.md"), "utf8");
    const schema = z.toJSONSchema(stackShape, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const top = Object.keys(schema.properties ?? {});
    for (const key of top) {
      assert.match(reference, new RegExp(`^## \`${key}\``, "m"), key);
    }
    // A top-level key's section names its keys from there on: `istio.ingressGateway.replicas` as `ingressGateway.replicas`.
    const inSection = keys(schema)
      .map(([key]) => key.replace(/^\w+(\[\])?\./, ""))
      .filter((key) => !top.includes(key));
    const missing = inSection.filter((key) => !reference.includes(`| \`${key}\` |`));
    assert.deepEqual(missing, []);
  });

  it("documents every rule of the pack in policies/README.md, with its level", () => {
    const reference = readFileSync(path.join(PROJECT_ROOT, "policies", "README.md"), "utf8");
    assert.ok(RULES.length > 20);
    for (const rule of RULES) {
      assert.match(reference, new RegExp(`^\\| \`${rule.name}\` \\| ${rule.enforcementLevel} \\|`, "m"), rule.name);
    }
  });
});
