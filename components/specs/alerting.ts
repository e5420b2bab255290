/** Slack alerts for canaries: the webhook URL lives in a Secret that the AlertProvider references. */
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { SLACK_PROVIDER_NAME, SLACK_SECRET_NAME } from "./names";

/**
 * `webhookUrl` is whatever the caller holds: a Pulumi secret Output in the program, a visible
 * placeholder in offline renders. Flagger reads the `address` key of the Secret.
 */
export function slackWebhookSecret(namespace: string, webhookUrl: unknown): K8sObject {
  return {
    apiVersion: API_VERSIONS.secret,
    kind: "Secret",
    metadata: { name: SLACK_SECRET_NAME, namespace },
    type: "Opaque",
    stringData: { address: webhookUrl },
  };
}

export function slackAlertProvider(namespace: string, channel: string, user: string): K8sObject {
  return {
    apiVersion: API_VERSIONS.alertProvider,
    kind: "AlertProvider",
    metadata: { name: SLACK_PROVIDER_NAME, namespace },
    spec: { type: "slack", channel, username: user, secretRef: { name: SLACK_SECRET_NAME } },
  };
}
