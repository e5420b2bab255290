/**
 * Kiali, the mesh's console, through its operator: the `kiali-operator` chart installs the
 * operator and the `Kiali` CRD, and the `Kiali` resource declared here says what to run. The
 * operator is Kiali's recommended install (the `kiali-server` chart is the alternative): it
 * upgrades Kiali with its own version and keeps Kiali's RBAC and config in step, while the
 * resource stays a reviewed object of the stack that `check` and the tests can read.
 * https://kiali.io/docs/installation/installation-guide/
 */
import type { KialiConfig, VersionsConfig } from "../../infra/config/schema";
import { CHART_REPOSITORIES } from "../../infra/config/versions";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import type { ChartRelease } from "./chartRelease";

const KIALI_OPERATOR_RELEASE = "kiali-operator";
/** The `Kiali` resource's name; the operator names Kiali's Service and ServiceAccount after it. */
export const KIALI_NAME = "kiali";
/** The port Kiali's Service listens on (Kiali's default, written out so the commands in docs/observability.md hold). */
export const KIALI_PORT = 20001;
/** Where the console lives on that port (Kiali's default on Kubernetes, written out for the same reason). */
export const KIALI_WEB_ROOT = "/kiali";

/**
 * The operator, with what the chart would otherwise allow narrowed: it creates no `Kiali` itself
 * (`cr.create`), installs Kiali only in the resource's own namespace, and, with `viewOnly`, may
 * only install a Kiali that cannot change the mesh. Its CRD sits in the chart's `crds/` folder
 * without Helm's keep annotation; the Kiali component retains it (components/crdRetention.ts).
 */
export function kialiOperatorRelease(kiali: KialiConfig, versions: Pick<VersionsConfig, "kiali">): ChartRelease {
  return {
    name: KIALI_OPERATOR_RELEASE,
    namespace: kiali.operatorNamespace,
    repository: CHART_REPOSITORIES.kiali,
    chart: "kiali-operator",
    version: versions.kiali,
    crds: "crds-folder",
    values: {
      cr: { create: false },
      onlyViewOnlyMode: kiali.viewOnly,
      allowAdHocKialiNamespace: false,
      allowAdHocKialiImage: false,
      // The chart's default dumps every reconciliation's full Ansible log.
      debug: { enabled: false },
    },
  };
}

function kialiAuth(auth: KialiConfig["auth"]): Record<string, unknown> {
  if (auth.strategy === "token") {
    return { strategy: "token" };
  }
  return {
    strategy: "openid",
    openid: {
      issuer_uri: auth.issuerUri,
      client_id: auth.clientId,
      ...(auth.usernameClaim ? { username_claim: auth.usernameClaim } : {}),
    },
  };
}

/**
 * Kiali in the control plane's namespace, reading the stack's Prometheus (the one Flagger's
 * analysis queries, which holds the Istio metrics). Grafana and tracing links are off: the
 * platform installs neither, and Kiali would report them unreachable.
 */
export function kialiResource(kiali: KialiConfig, istioNamespace: string, prometheusUrl: string): K8sObject {
  return {
    apiVersion: API_VERSIONS.kiali,
    kind: "Kiali",
    metadata: { name: KIALI_NAME, namespace: istioNamespace },
    spec: {
      auth: kialiAuth(kiali.auth),
      deployment: { cluster_wide_access: true, view_only_mode: kiali.viewOnly, service_type: "ClusterIP" },
      server: { port: KIALI_PORT, web_root: KIALI_WEB_ROOT },
      external_services: {
        prometheus: { url: prometheusUrl },
        grafana: { enabled: false },
        tracing: { enabled: false },
      },
    },
  };
}
