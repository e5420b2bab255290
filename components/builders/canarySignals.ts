/**
 * Canary signals for operators who do not watch `kubectl get canary`: with the Prometheus
 * Operator, Prometheus scrapes Flagger's own metrics and a PrometheusRule fires when a canary
 * fails, when one stays in analysis longer than its rollout can take, or when Flagger's metrics
 * are missing (then neither of the others could fire).
 *
 * Flagger's metrics, from https://github.com/fluxcd/flagger/blob/v1.44.0/pkg/metrics/recorder.go:
 * `flagger_canary_status{name, namespace}` is 0 while a canary is Progressing, 2 once it Failed
 * and 1 otherwise; `name` is the canary's target (the service here). `flagger_info` is set once
 * the controller starts.
 */
import type { IPodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { FlaggerConfig } from "../../infra/config/schema";
import { formatSeconds } from "../../policies/vocabulary/duration";
import { rolloutPlan } from "../../policies/rules/lib/canaryAnalysis";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { API_VERSIONS } from "./apiVersions";
import { FLAGGER_RELEASE } from "./names";

type PrometheusOperatorConfig = NonNullable<FlaggerConfig["prometheusOperator"]>;

/** `flagger_canary_status` values. */
const CANARY_PROGRESSING = 0;
const CANARY_FAILED = 2;

/** How long Flagger's metrics may be missing before anyone is told. */
const FLAGGER_ABSENT_FOR = "10m";

/** The name of the PrometheusRule, in the operator's namespace. */
const CANARY_ALERT_RULE_NAME = "flagger-canaries";

/**
 * Flagger's controller pods on their `http` port (8080, `/metrics`). The chart can render this
 * monitor itself (`podMonitor.enabled`); it is declared here instead so that `render`, `check` and
 * the tests see it beside the sidecar and istiod monitors, with the same labels.
 */
export function flaggerPodMonitor(operator: PrometheusOperatorConfig, flaggerNamespace: string): K8sObject {
  return {
    apiVersion: API_VERSIONS.podMonitor,
    kind: "PodMonitor",
    metadata: { name: "flagger-controller", namespace: operator.namespace, labels: { ...operator.labels } },
    spec: {
      namespaceSelector: { matchNames: [flaggerNamespace] },
      selector: { matchLabels: { "app.kubernetes.io/name": "flagger", "app.kubernetes.io/instance": FLAGGER_RELEASE } },
      // Flagger's own `namespace` label is the canary's; without honorLabels Prometheus would
      // rename it `exported_namespace` and put Flagger's namespace in its place.
      podMetricsEndpoints: [{ port: "http", path: "/metrics", interval: "15s", honorLabels: true }],
    } satisfies IPodMonitor["spec"],
  };
}

/** A canary the rule watches, and how long it may stay in analysis before it counts as stalled. */
export interface CanaryWatch {
  namespace: string;
  /** The canary's target, which Flagger's metrics call `name`. */
  name: string;
  stalledAfterSeconds: number;
}

/**
 * The longest a healthy canary stays Progressing: its pods may take the progress deadline to
 * become ready, a healthy analysis promotes after `promotionSeconds`, and each failed check short
 * of the threshold holds a step back one interval (at most `rollbackSeconds` in all). Past that,
 * the canary neither promotes nor rolls back.
 */
export function canaryWatch(canary: K8sObject): CanaryWatch {
  const plan = rolloutPlan(canary);
  if ("problem" in plan) {
    throw new Error(`cannot watch Canary ${canary.metadata.namespace}/${canary.metadata.name}: ${plan.problem}`);
  }
  const spec = canary.spec as { targetRef: { name: string }; progressDeadlineSeconds: number };
  return {
    namespace: canary.metadata.namespace!,
    name: spec.targetRef.name,
    stalledAfterSeconds: spec.progressDeadlineSeconds + plan.promotionSeconds + plan.rollbackSeconds,
  };
}

/** The alert rules, labelled `severity` plus the stack's `alertLabels` for Alertmanager's routes. */
export function canaryAlertRule(operator: PrometheusOperatorConfig, flaggerNamespace: string, watches: readonly CanaryWatch[]): K8sObject {
  const labels = (severity: "critical" | "warning") => ({ ...operator.alertLabels, severity });
  const canary = "{{ $labels.namespace }}/{{ $labels.name }}";
  const describe = "kubectl -n {{ $labels.namespace }} describe canary {{ $labels.name }}";
  return {
    apiVersion: API_VERSIONS.prometheusRule,
    kind: "PrometheusRule",
    metadata: { name: CANARY_ALERT_RULE_NAME, namespace: operator.namespace, labels: { ...operator.labels } },
    spec: {
      groups: [
        {
          name: "flagger-canaries",
          rules: [
            {
              alert: "FlaggerCanaryFailed",
              expr: `max by (namespace, name) (flagger_canary_status) == ${CANARY_FAILED}`,
              labels: labels("critical"),
              annotations: {
                summary: `Canary ${canary} failed its analysis and was rolled back`,
                description: `The new revision of ${canary} is not serving; the primary runs the previous one. Why: ${describe}. Resolves when the next rollout starts.`,
              },
            },
            ...watches.map((watch) => ({
              alert: "FlaggerCanaryStalled",
              expr: `max by (namespace, name) (flagger_canary_status{namespace="${watch.namespace}", name="${watch.name}"}) == ${CANARY_PROGRESSING}`,
              for: formatSeconds(watch.stalledAfterSeconds),
              labels: labels("warning"),
              annotations: {
                summary: `Canary ${canary} has been in analysis for more than ${formatSeconds(watch.stalledAfterSeconds)}`,
                description: `Its rollout neither promoted nor rolled back in the longest time it can take. Why: ${describe}.`,
              },
            })),
            {
              alert: "FlaggerMetricsAbsent",
              expr: `absent(flagger_info{namespace="${flaggerNamespace}"})`,
              for: FLAGGER_ABSENT_FOR,
              labels: labels("warning"),
              annotations: {
                summary: `Prometheus has no metrics from Flagger in ${flaggerNamespace}`,
                description: `Flagger is down or not scraped: no canary advances, and failed or stalled canaries raise no alert. Check: kubectl -n ${flaggerNamespace} get pods -l app.kubernetes.io/name=flagger`,
              },
            },
          ],
        },
      ],
    } satisfies IPrometheusRule["spec"],
  };
}
