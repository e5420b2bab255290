/** Names of the stack's config keys, and how messages write a key path. */

/** The Pulumi project name; config keys are `mesh-platform:<key>`. */
export const PROJECT = "mesh-platform";

/** The Slack incoming-webhook URL, a secret config key. */
export const SLACK_WEBHOOK_URL_KEY = "slackWebhookUrl";

/** Config keys that hold secrets. They are read as Pulumi secrets, never parsed into StackConfig. */
export const SECRET_KEYS: readonly string[] = [SLACK_WEBHOOK_URL_KEY];

/** `["services", 0, "canary", "maxWeight"]` → `mesh-platform:services[0].canary.maxWeight` */
export function configKeyPath(path: readonly PropertyKey[]): string {
  let text = `${PROJECT}:`;
  path.forEach((part, i) => {
    if (typeof part === "number") {
      text += `[${part}]`;
    } else {
      text += i === 0 ? String(part) : `.${String(part)}`;
    }
  });
  return path.length === 0 ? `${PROJECT} config` : text;
}
