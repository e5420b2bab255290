/**
 * Istio control-plane revisions and the tags that point at them, as plain data: which istiod
 * serves a namespace, the ingress gateway or the default validator. Config validation, the chart
 * builders and `plan` all resolve selections here, so they cannot disagree.
 *
 * A stack either runs one istiod without revisions (namespaces labelled `istio-injection=enabled`)
 * or lists `istio.revisions`; then everything that runs a proxy selects a tag or a revision with
 * `istio.io/rev` (never together with `istio-injection`, IST0123).
 */

/** Istio's own name for the control plane installed without a revision. */
export const DEFAULT_REVISION = "default";

export interface RevisionSpec {
  /** Revision name (istiod's `revision` value); `default` is the control plane installed without one. */
  name: string;
  /** Exact Istio version of this istiod. */
  version: string;
  /** Revision tags this istiod serves (its `revisionTags` value). */
  tags: readonly string[];
}

/** The istiod revision that serves a selector, which names a tag or a revision; undefined when none does. */
export function revisionServing(revisions: readonly RevisionSpec[], selector: string): RevisionSpec | undefined {
  return revisions.find((revision) => revision.name === selector) ?? revisions.find((revision) => revision.tags.includes(selector));
}

/** `1.31.1` → [1, 31, 1]; exact versions only (the config schema guarantees the shape). */
function versionParts(version: string): number[] {
  return version.split(".").map(Number);
}

/** Negative when `a` is older than `b`, positive when newer, 0 when equal. */
export function compareVersions(a: string, b: string): number {
  const [left, right] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

/** The revision with the newest version (the last listed, between equal versions): where an upgrade is heading. */
export function newestRevision(revisions: readonly RevisionSpec[]): RevisionSpec | undefined {
  return revisions.reduce<RevisionSpec | undefined>(
    (newest, revision) => (newest === undefined || compareVersions(revision.version, newest.version) >= 0 ? revision : newest),
    undefined,
  );
}
