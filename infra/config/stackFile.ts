/**
 * Reads a stack's config straight from `Pulumi.<stack>.yaml`, for the offline tools: no Pulumi
 * CLI, no secrets provider. Secret keys (and any `secure:` value) never reach the output; the
 * objects that would hold a secret get a visible placeholder instead.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { parseStackConfig } from "./parse";
import { PROJECT, SLACK_WEBHOOK_URL_KEY } from "./keys";
import { type StackConfig } from "./stackConfig";
import { projectConfigValues } from "./configValues";

export const SECRET_PLACEHOLDER = `<secret ${PROJECT}:${SLACK_WEBHOOK_URL_KEY}>`;

export function stackFilePath(stack: string, root: string = process.cwd()): string {
  return path.join(root, `Pulumi.${stack}.yaml`);
}

/** The validated config of a stack file; throws StackConfigError (same messages as the program) or a plain Error for a missing or unreadable file. */
export function readStackFile(stack: string, root: string = process.cwd()): StackConfig {
  const file = stackFilePath(stack, root);
  if (!/^[A-Za-z0-9._-]+$/.test(stack)) {
    throw new Error(`${JSON.stringify(stack)} is not a stack name`);
  }
  if (!existsSync(file)) {
    throw new Error(`no stack file ${path.basename(file)} in ${root}`);
  }
  const document = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  return parseStackConfig(projectConfigValues(document?.config ?? {}));
}
