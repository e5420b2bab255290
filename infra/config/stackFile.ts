/**
 * Reads a stack's config straight from `Pulumi.<stack>.yaml`, for the offline tools: no Pulumi
 * CLI, no secrets provider. Secret keys (and any `secure:` value) never reach the output; the
 * objects that would hold a secret get a visible placeholder instead.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { isDict } from "../../policies/rules/lib/objects";
import { parseStackConfig, StackConfigError } from "./parse";
import { PROJECT, SLACK_WEBHOOK_URL_KEY } from "./keys";
import { type StackConfig } from "./stackConfig";
import { readProjectConfig, stackFileEntries } from "./configValues";

export const SECRET_PLACEHOLDER = `<secret ${PROJECT}:${SLACK_WEBHOOK_URL_KEY}>`;

/** What Pulumi itself writes at the top of a stack file. */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

export function stackFilePath(stack: string, root: string = process.cwd()): string {
  return path.join(root, `Pulumi.${stack}.yaml`);
}

/**
 * The validated config of a stack file. Throws StackConfigError (the program's messages, plus
 * the file's own: YAML errors with their line, a file or `config:` that is not a mapping) or a
 * plain Error for a missing file or a name that is not a stack name.
 */
export function readStackFile(stack: string, root: string = process.cwd()): StackConfig {
  const file = stackFilePath(stack, root);
  const name = path.basename(file);
  if (!/^[A-Za-z0-9._-]+$/.test(stack)) {
    throw new Error(`${JSON.stringify(stack)} is not a stack name`);
  }
  if (!existsSync(file)) {
    throw new Error(`no stack file ${name} in ${root}`);
  }
  const document = parseDocument(readFileSync(file, "utf8"), { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new StackConfigError(document.errors.map((error) => `${name}: ${error.message.split("\n")[0].replace(/:$/, "")}`));
  }
  const content: unknown = document.toJS({ maxAliasCount: 100 });
  if (content !== null && content !== undefined && !isDict(content)) {
    throw new StackConfigError([`${name}: must be a mapping with a config: key, as Pulumi writes it`]);
  }
  const unknownKeys = Object.keys(content ?? {}).filter((key) => !STACK_FILE_KEYS.includes(key));
  if (unknownKeys.length > 0) {
    throw new StackConfigError(unknownKeys.map((key) => `${name}: ${key}: is not a stack file key (${STACK_FILE_KEYS.join(", ")})`));
  }
  const config = content?.config ?? {};
  if (!isDict(config)) {
    throw new StackConfigError([`${name}: config: must be a mapping of ${PROJECT}:<key> entries`]);
  }
  const read = readProjectConfig(stackFileEntries(config));
  return parseStackConfig(read.values, { problems: read.problems });
}
