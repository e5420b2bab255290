/**
 * Parsing stack config: the project's config values in, a typed StackConfig or every problem at
 * once out, each naming the key path and the value the user wrote.
 */
import type { z } from "zod";
import { isDict } from "../../policies/rules/lib/objects";
import { configKeyPath } from "./keys";
import { stackConfigSchema, type StackConfig } from "./stackConfig";

/** Thrown for invalid stack config; `problems` holds one line per bad key. */
export class StackConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "StackConfigError";
  }
}

/**
 * Parses the project's config values (keys without the `mesh-platform:` prefix, values already
 * decoded from JSON) into a StackConfig, or throws a StackConfigError naming every bad key.
 */
export function parseStackConfig(raw: Record<string, unknown>): StackConfig {
  const result = stackConfigSchema.safeParse(raw, { reportInput: true });
  if (result.success) {
    return result.data;
  }
  throw new StackConfigError(result.error.issues.map(describeIssue));
}

/** Keys earlier versions of the platform read, with what replaced them. */
const REPLACED_KEYS: Record<string, string> = {
  "istio.revision":
    "was replaced by istio.revisions (istiod revisions with their tags) and istio.defaultRevision; see the README, Upgrading Istio",
};

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return issue.keys
      .map((key) => {
        const dotted = [...issue.path, key].filter((part) => typeof part !== "number").join(".");
        return `${configKeyPath([...issue.path, key])}: ${REPLACED_KEYS[dotted] ?? "unknown key"}`;
      })
      .join("; ");
  }
  const value =
    issue.code === "invalid_union" && "discriminator" in issue && isDict(issue.input)
      ? issue.input[String(issue.discriminator)]
      : issue.input;
  if (value === undefined && issue.code === "invalid_type") {
    return `${configKeyPath(issue.path)}: is required`;
  }
  return `${configKeyPath(issue.path)}: ${issue.message} (got ${showValue(value)})`;
}

function showValue(value: unknown): string {
  if (value === undefined) {
    return "nothing";
  }
  if (Array.isArray(value)) {
    return "a list";
  }
  if (isDict(value)) {
    return "an object";
  }
  return JSON.stringify(value);
}
