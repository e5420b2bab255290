/**
 * Which istiod serves what, from the stack config: the istiod installations a stack runs, and for
 * everything that runs a proxy (mesh namespaces, the load tester, the ingress gateway) the tag or
 * revision it selects and the istiod behind it. Chart builders, namespace builders and `plan`
 * read it from here.
 */
import type { IstioConfig, StackConfig, VersionsConfig } from "../../infra/config/schema";
import { DEFAULT_REVISION, revisionServing, type RevisionSpec } from "../../infra/config/istioRevisions";

/** The istiod installations: the configured revisions, or one istiod without a revision at the base version. */
export function istiodRevisions(istio: IstioConfig, versions: VersionsConfig): readonly RevisionSpec[] {
  return istio.revisions ?? [{ name: DEFAULT_REVISION, version: versions.istio, tags: [] }];
}

/**
 * The istiod that serves a selector (a tag or revision); without revisions, the one istiod.
 * Config validation guarantees every selection resolves, so a miss is a bug, not bad input.
 */
export function servingIstiod(istio: IstioConfig, versions: VersionsConfig, selector: string | undefined): RevisionSpec {
  const revisions = istiodRevisions(istio, versions);
  if (!istio.revisions) {
    return revisions[0];
  }
  const serving = selector === undefined ? undefined : revisionServing(revisions, selector);
  if (!serving) {
    throw new Error(`no istiod revision serves ${JSON.stringify(selector)}; the stack config should have been rejected`);
  }
  return serving;
}

/** The tag or revision something selects: its own choice, or istio.defaultRevision; undefined without revisions. */
export function selectorOf(istio: IstioConfig, own: string | undefined): string | undefined {
  return own ?? istio.defaultRevision;
}

/** Something that runs Envoy proxies injected by istiod, and how it picks its istiod. */
export interface ProxyConsumer {
  kind: "namespace" | "load tester" | "ingress gateway";
  /** Namespace of the proxies. */
  namespace: string;
  /** The tag or revision selected with `istio.io/rev`; undefined without revisions (`istio-injection=enabled`). */
  selector?: string;
  /** The stack key that makes the selection, for messages: its own key, or istio.defaultRevision. */
  selectedBy?: string;
}

function selection(own: string | undefined, ownKey: string, istio: IstioConfig): Pick<ProxyConsumer, "selector" | "selectedBy"> {
  const selector = selectorOf(istio, own);
  if (selector === undefined) {
    return {};
  }
  return { selector, selectedBy: own !== undefined ? ownKey : "istio.defaultRevision" };
}

/** Every consumer of injected proxies, in the order docs/upgrading-istio.md and `plan` list them. */
function proxyConsumers(config: StackConfig): ProxyConsumer[] {
  const { istio, flagger } = config;
  const consumers: ProxyConsumer[] = config.namespaces.map((ns, i) => ({
    kind: "namespace",
    namespace: ns.name,
    ...selection(ns.revision, `namespaces[${i}].revision`, istio),
  }));
  consumers.push({
    kind: "load tester",
    namespace: flagger.loadtesterNamespace,
    ...selection(flagger.loadtesterRevision, "flagger.loadtesterRevision", istio),
  });
  if (istio.ingressGateway.enabled) {
    consumers.push({
      kind: "ingress gateway",
      namespace: istio.ingressGateway.namespace,
      ...selection(istio.ingressGateway.revision, "istio.ingressGateway.revision", istio),
    });
  }
  return consumers;
}

/** An istiod and everything whose proxies it injects. */
export interface RevisionAssignment {
  revision: RevisionSpec;
  consumers: ProxyConsumer[];
}

/** Each istiod with the consumers it serves, in the order of `istio.revisions`. */
export function revisionAssignments(config: StackConfig): RevisionAssignment[] {
  const consumers = proxyConsumers(config);
  return istiodRevisions(config.istio, config.versions).map((revision) => ({
    revision,
    consumers: consumers.filter((c) => servingIstiod(config.istio, config.versions, c.selector).name === revision.name),
  }));
}
