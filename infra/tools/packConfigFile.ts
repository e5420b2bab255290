/**
 * A `--policy-pack-config` file, validated the way the Pulumi engine validates it before a
 * preview: rule names and levels, and each rule's entry against the JSON schema the pack hands
 * CrossGuard (`configSchema`, derived from the rule's thresholds), with `ajv`.
 */
import Ajv from "ajv";
import { packConfigProblems, type PackConfig } from "../../policies/packConfig";
import type { AnyRule } from "../../policies/rules/rule";

const ajv = new Ajv({ strict: false, allErrors: true });

/** Every problem of a pack config, `rule.threshold: message`; [] when the engine would accept it. */
export function packConfigFileProblems(config: unknown, rules: readonly AnyRule[]): string[] {
  const problems = packConfigProblems(config, [...rules]);
  if (problems.length > 0 || typeof config !== "object" || config === null) {
    return problems;
  }
  for (const rule of rules) {
    const entry = (config as Record<string, unknown>)[rule.name];
    if (typeof entry !== "object" || entry === null) {
      continue;
    }
    const validate = ajv.compile({
      type: "object",
      properties: { ...rule.thresholds, enforcementLevel: { enum: ["advisory", "mandatory", "disabled"] } },
    });
    if (!validate(entry)) {
      for (const error of validate.errors ?? []) {
        const field = error.instancePath.split("/").slice(1).join(".");
        problems.push(`${rule.name}${field ? `.${field}` : ""}: ${error.message ?? error.keyword}`);
      }
    }
  }
  return problems;
}

/** The parsed pack config, or an Error naming the file and every problem. */
export function parsePackConfig(file: string, text: string, rules: readonly AnyRule[]): PackConfig {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const problems = packConfigFileProblems(config, rules);
  if (problems.length > 0) {
    throw new Error(`${file}: ${problems.join("; ")}`);
  }
  return config as PackConfig;
}
