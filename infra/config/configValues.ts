/**
 * From raw config entries (`mesh-platform:<key>` → value, as Pulumi hands them to a program or as
 * a stack file holds them) to what parseStackConfig reads, with the problems only the entries
 * themselves show:
 * - a key outside the project's namespace that looks like one of ours (`mesh_platform:services`,
 *   `mesh-platfrom:services`) or a key without a namespace: the program would never read it;
 * - a secret-looking value (a URL with credentials, a Slack webhook URL, a token) in plain text;
 * - a secret config key's value, checked without ever being echoed.
 * Secret keys are left out of the values; their presence is reported, and every string a user set
 * as a secret is collected so that whatever it flows into can be kept secret.
 */
import { ALERT_WEBHOOK_URLS_KEY, PROJECT, RETIRED_SECRET_KEYS, configKeyPath, setAlertWebhookCommand } from "./keys";

export interface ConfigEntry {
  value: unknown;
  /** Set with `pulumi config set --secret` (or `secure:` in the stack file), wholly or in part. */
  secret: boolean;
  /**
   * For a stack-file value encrypted only in part (`pulumi config set --secret --path`): the
   * paths below the key of its strings that are not encrypted. A program cannot tell them apart.
   */
  plainTextPaths?: readonly (string | number)[][];
}

export interface ProjectConfig {
  /** Keys without the `mesh-platform:` prefix, values decoded from JSON. */
  values: Record<string, unknown>;
  /**
   * The providers `alertWebhookUrls` has a URL for, when its names can be read (always in the
   * program; from a stack file when the URLs are encrypted one by one). Never parsed into values.
   */
  alertWebhookNames?: Set<string>;
  /** Every string value under a secret key: whatever carries one must stay secret. */
  secretValues: Set<string>;
  /** One line per problem, `mesh-platform:<key>: …`, never showing a secret. */
  problems: string[];
}

/** Secrets that must not sit in plain text, by what they look like. */
const SECRET_LOOKS: { pattern: RegExp; what: string }[] = [
  { pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]+:[^/@\s]+@/i, what: "a URL with credentials" },
  { pattern: /hooks\.slack\.com\/services\//i, what: "a Slack webhook URL" },
  { pattern: /webhook\.office\.com\/webhookb2\//i, what: "a Microsoft Teams webhook URL" },
  { pattern: /discord(app)?\.com\/api\/webhooks\//i, what: "a Discord webhook URL" },
  { pattern: /^(xox[abpr]-|ghp_|github_pat_|glpat-|AKIA[0-9A-Z]{16})/, what: "an access token" },
];

export function secretLook(value: string): string | undefined {
  return SECRET_LOOKS.find(({ pattern }) => pattern.test(value))?.what;
}

/** Every string inside a value, with its key path below the config key. */
function strings(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; text: string }[] {
  if (typeof value === "string") {
    return [{ path, text: value }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => strings(item, [...path, i]));
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => strings(child, [...path, key]));
  }
  return [];
}

function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // a plain string value
  }
}

/** Edit distance, for telling a mistyped namespace from another provider's (`aws:`, `kubernetes:`). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

const looksLikeOurs = (namespace: string) =>
  namespace.toLowerCase().replace(/[^a-z0-9]/g, "") === PROJECT.replace(/-/g, "") || editDistance(namespace.toLowerCase(), PROJECT) <= 2;

/** The strings of an entry's value that are in plain text: all of a plain entry's, and those a stack file left unencrypted beside encrypted ones. */
function plainStrings(value: unknown, entry: ConfigEntry): { path: (string | number)[]; text: string }[] {
  const all = strings(value);
  if (!entry.secret) {
    return all;
  }
  const plain = new Set((entry.plainTextPaths ?? []).map((path) => JSON.stringify(path)));
  return all.filter(({ path }) => plain.has(JSON.stringify(path)));
}

/**
 * The alert webhook URLs: a map from provider name to an https URL, set as a secret. Checked here,
 * so a bad one fails before any resource, and never shown. Returns the names it holds.
 */
function readAlertWebhookUrls(value: unknown, entry: ConfigEntry, problems: string[]): Set<string> {
  const key = ALERT_WEBHOOK_URLS_KEY;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push(
      `${configKeyPath([key])}: must map each alert provider's name to its webhook URL: run \`${setAlertWebhookCommand("<provider>")}\``,
    );
    return new Set();
  }
  for (const [name, url] of Object.entries(value)) {
    if (typeof url !== "string" || !/^https:\/\/[^\s]+$/.test(url)) {
      problems.push(`${configKeyPath([key, name])}: must be an https:// incoming-webhook URL (the value is secret and not shown)`);
    }
  }
  if (!entry.secret) {
    problems.push(`${configKeyPath([key])}: holds webhook URLs in plain text; set each with \`${setAlertWebhookCommand("<provider>")}\``);
  } else {
    // Encrypted one by one in a stack file, one left in plain text is a credential in git all the same.
    for (const { path } of plainStrings(value, entry)) {
      const name = String(path[0]);
      problems.push(
        `${configKeyPath([key, ...path])}: is in plain text beside encrypted webhook URLs; set it with \`${setAlertWebhookCommand(name)}\``,
      );
    }
  }
  return new Set(Object.keys(value));
}

export function readProjectConfig(entries: Record<string, ConfigEntry>): ProjectConfig {
  const read: ProjectConfig = { values: {}, secretValues: new Set(), problems: [] };
  const prefix = `${PROJECT}:`;
  for (const [fullKey, entry] of Object.entries(entries)) {
    const value = typeof entry.value === "string" ? decodeJson(entry.value) : entry.value;
    if (!fullKey.startsWith(prefix)) {
      const colon = fullKey.indexOf(":");
      if (colon < 0) {
        read.problems.push(`${fullKey}: has no namespace, so the program never reads it; write it as ${prefix}${fullKey}`);
      } else if (looksLikeOurs(fullKey.slice(0, colon))) {
        read.problems.push(
          `${fullKey}: looks like a mistyped ${prefix}${fullKey.slice(colon + 1)}; every key of this project starts with ${prefix}`,
        );
      }
      continue; // another provider's config, such as aws:region
    }
    const key = fullKey.slice(prefix.length);
    if (entry.secret) {
      const plain = new Set(plainStrings(value, entry).map(({ path }) => JSON.stringify(path)));
      strings(value)
        .filter(({ path }) => !plain.has(JSON.stringify(path)))
        .forEach(({ text }) => read.secretValues.add(text));
    }
    if (key in RETIRED_SECRET_KEYS) {
      read.problems.push(`${configKeyPath([key])}: ${RETIRED_SECRET_KEYS[key]}`);
      continue;
    }
    if (key === ALERT_WEBHOOK_URLS_KEY) {
      if (value !== undefined) {
        read.alertWebhookNames = readAlertWebhookUrls(value, entry, read.problems);
      }
      continue; // encrypted as a whole in a stack file: the offline tools never decrypt it
    }
    if (value === undefined && entry.secret) {
      read.problems.push(
        `${configKeyPath([key])}: is encrypted as a whole, so the offline tools (render, check, plan) cannot read it; ` +
          `encrypt only the secret part with \`pulumi config set --secret --path '${key}.<field>' <value>\``,
      );
      continue;
    }
    for (const { path, text } of plainStrings(value, entry)) {
      const look = secretLook(text);
      if (look) {
        read.problems.push(
          `${configKeyPath([key, ...path])}: holds ${look} in plain text; set it with \`pulumi config set --secret --path '${[key, ...path].join(".")}' <value>\``,
        );
      }
    }
    read.values[key] = value;
  }
  return read;
}

/**
 * Where an encrypted value sat inside a stack file's value, for the offline tools, which never
 * decrypt: a URL (so that URL-valued keys such as flagger.metricsServer still validate) on the
 * reserved `.invalid` domain, naming the key path, so a render shows plainly what was left out.
 */
export function encryptedPlaceholder(keyPath: string): string {
  return `https://secret.invalid/${keyPath}`;
}

const isEncrypted = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value;

/** The value with each nested encrypted value replaced by its placeholder. */
function withPlaceholders(value: unknown, keyPath: string): unknown {
  if (isEncrypted(value)) {
    return encryptedPlaceholder(keyPath);
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => withPlaceholders(item, `${keyPath}[${i}]`));
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withPlaceholders(child, `${keyPath}.${key}`)]));
  }
  return value;
}

/** Every encrypted value of a stack file's `config:`, by key path (`<project>:<key>.<path>`), as its ciphertext. */
export function encryptedValues(config: Record<string, unknown>): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (value: unknown, keyPath: string): void => {
    if (isEncrypted(value)) {
      found.set(keyPath, String((value as { secure: unknown }).secure));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${keyPath}[${i}]`));
    } else if (typeof value === "object" && value !== null) {
      Object.entries(value).forEach(([key, child]) => walk(child, `${keyPath}.${key}`));
    }
  };
  Object.entries(config).forEach(([key, value]) => walk(value, key));
  return found;
}

const containsEncrypted = (value: unknown): boolean =>
  isEncrypted(value) || (typeof value === "object" && value !== null && Object.values(value).some(containsEncrypted));

/** The paths of the strings of a value that are not encrypted. */
function unencryptedStringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (isEncrypted(value)) {
    return [];
  }
  if (typeof value === "string") {
    return [path];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => unencryptedStringPaths(item, [...path, i]));
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => unencryptedStringPaths(child, [...path, key]));
  }
  return [];
}

/**
 * Config entries as a stack file holds them. A whole `secure:` value is a secret the offline
 * tools cannot read (its value is left undefined); a nested one becomes a placeholder, and the
 * strings beside it are marked as the plain text they are.
 */
export function stackFileEntries(config: Record<string, unknown>): Record<string, ConfigEntry> {
  return Object.fromEntries(
    Object.entries(config).map(([fullKey, value]) => {
      const keyPath = fullKey.slice(fullKey.indexOf(":") + 1);
      const entry: ConfigEntry = isEncrypted(value)
        ? { value: undefined, secret: true }
        : containsEncrypted(value)
          ? { value: withPlaceholders(value, keyPath), secret: true, plainTextPaths: unencryptedStringPaths(value) }
          : { value, secret: false };
      return [fullKey, entry];
    }),
  );
}

/** The values of plain entries (stack-file objects or CLI strings), for callers that hold no secrets. */
export function projectConfigValues(entries: Record<string, unknown>): Record<string, unknown> {
  return readProjectConfig(Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, { value, secret: false }]))).values;
}
