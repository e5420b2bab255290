/**
 * Turns raw config entries (`mesh-platform:<key>` → value) into the input of parseStackConfig.
 * Pulumi hands structured values over as JSON strings; a stack file read with a YAML parser
 * gives objects. Both arrive here. Secret keys are left out: they are read as Pulumi secrets.
 */
import { PROJECT, SECRET_KEYS } from "./keys";

export function projectConfigValues(entries: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const prefix = `${PROJECT}:`;
  for (const [fullKey, value] of Object.entries(entries)) {
    if (!fullKey.startsWith(prefix)) {
      continue; // another provider's config, such as aws:region
    }
    const key = fullKey.slice(prefix.length);
    if (SECRET_KEYS.includes(key)) {
      continue;
    }
    values[key] = typeof value === "string" ? decodeJson(value) : value;
  }
  return values;
}

function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // a plain string value
  }
}
