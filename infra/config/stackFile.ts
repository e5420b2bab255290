/**
 * Reads a stack's config straight from `Pulumi.<stack>.yaml`, for the offline tools: no Pulumi
 * CLI, no secrets provider. Secret keys (and any `secure:` value) never reach the output; the
 * objects that would hold a secret get a visible placeholder instead.
 */
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { isNode, LineCounter, parseDocument, type YAMLError } from "yaml";
import { isDict } from "../../policies/rules/lib/objects";
import { parseStackConfig, StackConfigError, type Locate } from "./parse";
import { ALERT_WEBHOOK_URLS_KEY, PROJECT, SECRET_KEYS, configKeyPath, setAlertWebhookCommand } from "./keys";
import { STACK_CONFIG_KEYS, type StackConfig } from "./schema";
import { encryptedValues, readProjectConfig, stackFileEntries } from "./configValues";

/** What stands for a provider's webhook URL in an offline render: the secret key it comes from. */
export const webhookPlaceholder = (provider: string): string => `<secret ${PROJECT}:${ALERT_WEBHOOK_URLS_KEY}.${provider}>`;

/** A stack file is a few kilobytes; anything near this is not one. */
const MAX_STACK_FILE_BYTES = 4 * 1024 * 1024;

/** The stack file's text, read only if it is a regular file of sane size holding UTF-8 (never a FIFO or a device). */
function readStackText(file: string, root: string): string {
  const name = path.basename(file);
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) {
    throw new Error(`no stack file ${name} in ${root}`);
  }
  if (!stats.isFile()) {
    throw new Error(`${name} is not a regular file`);
  }
  if (stats.size > MAX_STACK_FILE_BYTES) {
    throw new Error(`${name} is larger than ${MAX_STACK_FILE_BYTES} bytes; a stack file is a few kilobytes`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
  } catch {
    throw new Error(`${name} is not UTF-8 text`);
  }
}

/** A YAML error as one line; running out of stack means the file nests too deeply to read. */
function yamlProblem(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0].replace(/:$/, "");
  return /Maximum call stack size exceeded/.test(message) ? "nests too deeply to read" : message;
}

/** A YAML error as one line, naming the key a duplicate-key error is about (the parser only gives its place). */
function documentProblem(error: YAMLError, text: string): string {
  if (error.code !== "DUPLICATE_KEY") {
    return yamlProblem(error);
  }
  const rest = text.slice(error.pos[0]).split("\n")[0];
  const key = /^("[^"]*"|'[^']*'|.*?)\s*:(\s|$)/.exec(rest)?.[1].replace(/^["']|["']$/g, "") ?? rest;
  const where = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "";
  return `${key}: is written twice in one mapping${where}; YAML keeps one of them silently, so remove or merge the other`;
}

/** What Pulumi itself writes at the top of a stack file. */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/** A top-level key that is one of this project's config keys, with or without its prefix: it was meant to be under `config:`. */
function isProjectKey(key: string): boolean {
  const bare = key.startsWith(`${PROJECT}:`) ? key.slice(PROJECT.length + 1) : key;
  return key.startsWith(`${PROJECT}:`) || STACK_CONFIG_KEYS.includes(bare) || SECRET_KEYS.includes(bare);
}

export function stackFilePath(stack: string, root: string = process.cwd()): string {
  return path.join(root, `Pulumi.${stack}.yaml`);
}

/** A secret the stack needs that its stack file does not hold. */
export interface MissingSecret {
  /** `mesh-platform:alertWebhookUrls.<provider>` */
  key: string;
  /** What needs it. */
  neededBy: string;
  /** The command that sets it. */
  command: string;
}

export interface StackFile {
  config: StackConfig;
  /**
   * Secrets the stack needs that the file does not hold. Offline they are named, not fatal: Pulumi
   * may take them from elsewhere (an ESC environment); `pulumi up` stops before any resource when
   * one is really missing.
   */
  missingSecrets: MissingSecret[];
  /**
   * The encrypted values the file holds, by key path (`mesh-platform:alertWebhookUrls.deployments`):
   * their ciphertext, never decrypted, so that a change can say which secrets it adds, removes or
   * re-encrypts without showing any of them.
   */
  encryptedValues: Map<string, string>;
}

/** One line naming a missing secret and how to set it, for the offline tools to print. */
export function describeMissingSecret(missing: MissingSecret, file: string): string {
  return `${missing.key}: not in ${file}, and ${missing.neededBy} needs it before \`pulumi up\`: run \`${missing.command}\``;
}

/** The validated config of a stack file; see loadStackFile. */
export function readStackFile(stack: string, root: string = process.cwd()): StackConfig {
  return loadStackFile(stack, root).config;
}

/**
 * A stack file's validated config, and the secrets it lacks. Throws StackConfigError (the
 * program's messages, plus the file's own: YAML errors with their line, a file or `config:` that
 * is not a mapping) or a plain Error for a missing file or a name that is not a stack name.
 */
export function loadStackFile(stack: string, root: string = process.cwd()): StackFile {
  const file = stackFilePath(stack, root);
  if (!isStackName(stack)) {
    throw new Error(`${JSON.stringify(stack)} is not a stack name`);
  }
  return parseStackFile(path.basename(file), readStackText(file, root));
}

/** A name Pulumi accepts for a stack, and so for a file Pulumi.<name>.yaml. */
export const isStackName = (stack: string): boolean => /^[A-Za-z0-9._-]+$/.test(stack);

/** A stack file's text (named `name` in messages) as loadStackFile reads it: validated config, missing and encrypted secrets. */
export function parseStackFile(name: string, text: string): StackFile {
  if (Buffer.byteLength(text) > MAX_STACK_FILE_BYTES) {
    throw new Error(`${name} is larger than ${MAX_STACK_FILE_BYTES} bytes; a stack file is a few kilobytes`);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: true, lineCounter: lines });
  if (document.errors.length > 0) {
    throw new StackConfigError([...new Set(document.errors.map((error) => `${name}: ${documentProblem(error, text)}`))]);
  }
  let content: unknown;
  try {
    content = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new StackConfigError([`${name}: ${yamlProblem(error)}`]);
  }
  if (content !== null && content !== undefined && !isDict(content)) {
    throw new StackConfigError([`${name}: must be a mapping with a config: key, as Pulumi writes it`]);
  }
  const unknownKeys = Object.keys(content ?? {}).filter((key) => !STACK_FILE_KEYS.includes(key));
  if (unknownKeys.length > 0) {
    throw new StackConfigError(
      unknownKeys.map((key) =>
        isProjectKey(key)
          ? `${name}: ${key}: belongs under config: (indent it there, as ${key.startsWith(`${PROJECT}:`) ? key : `${PROJECT}:${key}`})`
          : `${name}: ${key}: is not a stack file key (${STACK_FILE_KEYS.join(", ")})`,
      ),
    );
  }
  const config = content?.config ?? {};
  if (!isDict(config)) {
    throw new StackConfigError([`${name}: config: must be a mapping of ${PROJECT}:<key> entries`]);
  }
  const read = readProjectConfig(stackFileEntries(config));
  const locate: Locate = (keyPath) => {
    const yamlPath = ["config", `${PROJECT}:${String(keyPath[0])}`, ...keyPath.slice(1)];
    for (let depth = yamlPath.length; depth > 1; depth--) {
      const node: unknown = document.getIn(yamlPath.slice(0, depth), true);
      if (isNode(node) && node.range) {
        return `${name}:${lines.linePos(node.range[0]).line}`;
      }
    }
    return undefined;
  };
  const parsed = parseStackConfig(read.values, {
    problems: read.problems,
    alertWebhookNames: read.alertWebhookNames,
    alertWebhookNamesComplete: false,
    locate,
  });
  // Encrypted as a whole, the URLs cannot be told apart without decrypting them.
  const urls = config[`${PROJECT}:${ALERT_WEBHOOK_URLS_KEY}`];
  const sealed = isDict(urls) && "secure" in urls;
  const held = read.alertWebhookNames ?? new Set<string>();
  const missingSecrets = sealed
    ? []
    : parsed.flagger.alertProviders
        .filter((provider) => !held.has(provider.name))
        .map((provider) => ({
          key: configKeyPath([ALERT_WEBHOOK_URLS_KEY, provider.name]),
          neededBy: `alert provider ${provider.name}`,
          command: setAlertWebhookCommand(provider.name),
        }));
  return { config: parsed, missingSecrets, encryptedValues: encryptedValues(config) };
}
