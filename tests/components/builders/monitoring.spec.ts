import { strict as assert } from "node:assert";
import { ingressGatewayPodMonitor, istiodServiceMonitor, sidecarPodMonitor } from "../../../components/builders/monitoring";
import { selectorMatches, type LabelSelector } from "../../../policies/vocabulary/labelSelector";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";

/**
 * What Prometheus scrapes, by the labels the real charts give their objects. These label sets were
 * read off `helm template` of Istio's 1.30.3 and release-1.31 charts (istio-discovery with
 * `revision: 1-30-5`, `revisionTags: [stable]`; gateway with `revision: stable`) and of a pod the
 * sidecar injection template mutates: facts, not chart files.
 */
const ISTIOD_REVISION_SERVICE = { app: "istiod", istio: "pilot", "istio.io/rev": "1-30-5", release: "istiod-1-30-5" };
const ISTIOD_TAG_SERVICE = { ...ISTIOD_REVISION_SERVICE, "istio.io/tag": "stable" };
const GATEWAY_POD = {
  app: "istio-ingressgateway",
  istio: "ingressgateway",
  "istio.io/rev": "stable",
  "sidecar.istio.io/inject": "true",
  "service.istio.io/canonical-name": "istio-ingressgateway",
};
const SIDECAR_POD = { app: "orders", "security.istio.io/tlsMode": "istio", "service.istio.io/canonical-name": "orders" };

interface Target {
  kind: "pod" | "service";
  namespace: string;
  labels: Record<string, string>;
}

/** The monitors that select a target: a PodMonitor selects pods, a ServiceMonitor Services. */
function scrapedBy(monitors: K8sObject[], target: Target): string[] {
  return monitors
    .filter((monitor) => (monitor.kind === "PodMonitor") === (target.kind === "pod"))
    .filter((monitor) => {
      const spec = monitor.spec as { selector: LabelSelector; namespaceSelector: { any?: boolean; matchNames?: string[] } };
      const inNamespace = spec.namespaceSelector.any === true || (spec.namespaceSelector.matchNames ?? []).includes(target.namespace);
      return inNamespace && selectorMatches(spec.selector, target.labels);
    })
    .map((monitor) => monitor.metadata.name);
}

describe("Prometheus Operator monitors, against the labels the Istio charts render", () => {
  const monitors = [
    sidecarPodMonitor("monitoring", {}),
    ingressGatewayPodMonitor("monitoring", "istio-ingress", {}),
    istiodServiceMonitor("monitoring", "istio-system", {}),
  ];

  it("scrapes the ingress gateway's pods, which carry no tlsMode label, once", () => {
    assert.deepEqual(scrapedBy(monitors, { kind: "pod", namespace: "istio-ingress", labels: GATEWAY_POD }), ["istio-ingressgateway"]);
    assert.deepEqual(scrapedBy(monitors.slice(0, 1), { kind: "pod", namespace: "istio-ingress", labels: GATEWAY_POD }), []);
  });

  it("scrapes each sidecar once, and the gateway monitor no other namespace's pods", () => {
    assert.deepEqual(scrapedBy(monitors, { kind: "pod", namespace: "production", labels: SIDECAR_POD }), ["istio-sidecars"]);
    assert.deepEqual(scrapedBy(monitors, { kind: "pod", namespace: "production", labels: { ...GATEWAY_POD } }), []);
  });

  it("scrapes istiod through its revision's Service only, never again through a revision tag's", () => {
    assert.deepEqual(scrapedBy(monitors, { kind: "service", namespace: "istio-system", labels: ISTIOD_REVISION_SERVICE }), ["istiod"]);
    assert.deepEqual(scrapedBy(monitors, { kind: "service", namespace: "istio-system", labels: ISTIOD_TAG_SERVICE }), []);
    // The unrevisioned istiod's Service (`istio.io/rev: default`) is scraped too.
    assert.deepEqual(
      scrapedBy(monitors, {
        kind: "service",
        namespace: "istio-system",
        labels: { ...ISTIOD_REVISION_SERVICE, "istio.io/rev": "default" },
      }),
      ["istiod"],
    );
  });
});

describe("label selectors", () => {
  const labels = { app: "a", tier: "web" };
  it("needs every matchLabels entry and every expression to hold", () => {
    assert.equal(selectorMatches({ matchLabels: { app: "a" } }, labels), true);
    assert.equal(selectorMatches({ matchLabels: { app: "a", tier: "db" } }, labels), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: "tier", operator: "In", values: ["web", "db"] }] }, labels), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["web"] }] }, labels), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["x"] }] }, labels), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: "app", operator: "Exists" }] }, labels), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: "app", operator: "DoesNotExist" }] }, labels), false);
    assert.equal(selectorMatches({}, labels), true);
  });
});
