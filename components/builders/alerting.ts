/**
 * Where canaries send their events: one Flagger AlertProvider per declared provider, whose webhook
 * URL lives in a Secret it references (`secretRef`, key `address`), never inline.
 * https://docs.flagger.app/usage/alerting
 */
import type { AlertProviderConfig, AlertRouteConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";

/** The Secret holding a provider's webhook URL (`flagger-<provider>`). */
export const webhookSecretName = (provider: string): string => `flagger-${provider}`;

export interface AlertProviderObjects {
  /** The Secret with the webhook URL under `address`. */
  webhookSecret: K8sObject;
  alertProvider: K8sObject;
}

/**
 * `webhookUrl` is whatever the caller holds: a Pulumi secret Output in the program, a visible
 * placeholder in offline renders.
 */
export function alertProviderObjects(provider: AlertProviderConfig, namespace: string, webhookUrl: unknown): AlertProviderObjects {
  return {
    webhookSecret: {
      apiVersion: API_VERSIONS.secret,
      kind: "Secret",
      metadata: { name: webhookSecretName(provider.name), namespace },
      type: "Opaque",
      stringData: { address: webhookUrl },
    },
    alertProvider: {
      apiVersion: API_VERSIONS.alertProvider,
      kind: "AlertProvider",
      metadata: { name: provider.name, namespace },
      spec: {
        type: provider.type,
        ...(provider.channel !== undefined ? { channel: provider.channel } : {}),
        ...(provider.username !== undefined ? { username: provider.username } : {}),
        secretRef: { name: webhookSecretName(provider.name) },
      },
    },
  };
}

/** A Canary's `analysis.alerts`: one per route, named `<provider>-<severity>`. */
export function canaryAlerts(routes: readonly AlertRouteConfig[], flaggerNamespace: string): Record<string, unknown>[] {
  return routes.map((route) => ({
    name: `${route.provider}-${route.severity}`,
    severity: route.severity,
    providerRef: { name: route.provider, namespace: flaggerNamespace },
  }));
}
