/** Names of the stack's config keys, and how messages write a key path. */

/** The Pulumi project name; config keys are `mesh-platform:<key>`. */
export const PROJECT = "mesh-platform";

/**
 * The alert providers' webhook URLs, a secret config key: an object from provider name (one of
 * `flagger.alertProviders`) to its incoming-webhook URL.
 */
export const ALERT_WEBHOOK_URLS_KEY = "alertWebhookUrls";

/** Config keys that hold secrets. They are read as Pulumi secrets, never parsed into StackConfig. */
export const SECRET_KEYS: readonly string[] = [ALERT_WEBHOOK_URLS_KEY];

/** Secret keys earlier versions read, with what replaced them; their values are never read or shown. */
export const RETIRED_SECRET_KEYS: Readonly<Record<string, string>> = {
  slackWebhookUrl:
    `was replaced by ${ALERT_WEBHOOK_URLS_KEY}.<provider> for a provider of flagger.alertProviders: ` +
    `run \`pulumi config set --secret --path '${ALERT_WEBHOOK_URLS_KEY}.<provider>' <url>\` and \`pulumi config rm slackWebhookUrl\``,
};

/** How a command sets one provider's webhook URL. */
export const setAlertWebhookCommand = (provider: string): string =>
  `pulumi config set --secret --path '${ALERT_WEBHOOK_URLS_KEY}.${provider}' <url>`;

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
