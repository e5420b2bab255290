/** Flagger and its load tester, with production values. */
import type { FlaggerConfig, VersionsConfig } from "../../infra/config/schema";
import { CHART_REPOSITORIES } from "../../infra/config/versions";
import type { ChartRelease } from "./chartRelease";
import { FLAGGER_RELEASE, LOADTESTER_RELEASE } from "./names";

/**
 * Flagger's CRDs ship in the chart's `crds/` folder, which Helm installs on first install only;
 * they are annotated `helm.sh/resource-policy: keep`. Slack is configured through an
 * AlertProvider instead of `slack.url`, so the webhook URL never sits in chart values.
 */
export function flaggerRelease(flagger: FlaggerConfig, versions: Pick<VersionsConfig, "flagger">): ChartRelease {
  return {
    name: FLAGGER_RELEASE,
    namespace: flagger.namespace,
    repository: CHART_REPOSITORIES.flagger,
    chart: "flagger",
    version: versions.flagger,
    crds: "crds-folder",
    values: {
      meshProvider: "istio",
      metricsServer: flagger.metricsServer,
      leaderElection: { enabled: flagger.replicas > 1, replicaCount: flagger.replicas },
      podDisruptionBudget: { enabled: flagger.replicas > 1, minAvailable: 1 },
    },
  };
}

/**
 * The load tester runs webhooks (smoke tests, `hey` load) from inside the mesh. `rbac.create`
 * gives it a ServiceAccount of its own (`flagger-loadtester`, with a Role that grants nothing),
 * so that authorization policies can name it; without it, it would run as `default`.
 */
export function loadtesterRelease(flagger: FlaggerConfig, versions: Pick<VersionsConfig, "loadtester">): ChartRelease {
  return {
    name: LOADTESTER_RELEASE,
    namespace: flagger.loadtesterNamespace,
    repository: CHART_REPOSITORIES.flagger,
    chart: "loadtester",
    version: versions.loadtester,
    values: {
      replicaCount: flagger.loadtesterReplicas,
      rbac: { create: true },
      podDisruptionBudget: { enabled: flagger.loadtesterReplicas > 1, minAvailable: 1 },
    },
  };
}
