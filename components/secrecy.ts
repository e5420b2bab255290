/**
 * Values a user set as secrets stay secrets wherever they flow. The program reads which strings
 * came from secret config (`pulumi config set --secret`, with or without `--path`); an object or
 * chart whose inputs carry one of them is registered with those inputs as a Pulumi secret, so
 * they are encrypted in the state and masked in previews. A Prometheus URL with credentials thus
 * stays secret in the Flagger chart's values and in every MetricTemplate.
 */
import * as pulumi from "@pulumi/pulumi";

/** Every string a user set as a secret. */
export type SecretValues = ReadonlySet<string>;

/**
 * A name-shaped secret (a DNS label or subdomain, such as a token `abc123` or a namespace that sat
 * under a secret key) counts only where it is a whole value: as a substring it would taint every
 * object whose text happens to contain it. Any other secret counts wherever it appears, so a URL
 * with credentials is caught inside a longer value too.
 */
const NAME_SHAPED = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function containsSecret(text: string, secret: string): boolean {
  if (secret === "") {
    return false;
  }
  return NAME_SHAPED.test(secret) ? text === secret : text.includes(secret);
}

/** Whether any string inside `value` is, or contains, one of the secret strings. */
export function carriesSecret(value: unknown, secrets: SecretValues | undefined): boolean {
  if (!secrets || secrets.size === 0) {
    return false;
  }
  if (typeof value === "string") {
    return [...secrets].some((secret) => containsSecret(value, secret));
  }
  if (Array.isArray(value)) {
    return value.some((item) => carriesSecret(item, secrets));
  }
  if (typeof value === "object" && value !== null && !pulumi.Output.isInstance(value)) {
    return Object.values(value).some((item) => carriesSecret(item, secrets));
  }
  return false;
}

/** The value as it is, or as a Pulumi secret when it carries a secret string. */
export function secretIfCarrying<T>(value: T, secrets: SecretValues | undefined): T | pulumi.Output<pulumi.Unwrap<T>> {
  return carriesSecret(value, secrets) ? pulumi.secret(value) : value;
}
