/**
 * The CRDs `check --crds` validates against, indexed by what an object names: its apiVersion
 * (group and version) and kind. Fed from CRD manifests as `helm template`, `helm show crds` or
 * `kubectl get crd -o yaml` print them.
 */
import { dict, isDict, list, type Dict } from "../../policies/rules/lib/objects";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import type { LocatedObject, ManifestError } from "./manifests";

export interface CrdVersion {
  /** `virtualservices.networking.istio.io`, for messages. */
  crd: string;
  apiVersion: string;
  kind: string;
  /** The version's `schema.openAPIV3Schema`. */
  schema: Dict;
}

export class CrdIndex {
  private readonly versions = new Map<string, CrdVersion>();

  /** The CRDs among the objects; a CRD without a usable schema is reported, not skipped silently. */
  static fromObjects(objects: readonly LocatedObject[]): { index: CrdIndex; errors: ManifestError[] } {
    const index = new CrdIndex();
    const errors: ManifestError[] = [];
    for (const { object, file, line } of objects) {
      if (object.kind !== "CustomResourceDefinition" || !object.apiVersion.startsWith("apiextensions.k8s.io/")) {
        continue;
      }
      const spec = dict(object.spec);
      const group = spec.group;
      const kind = dict(spec.names).kind;
      if (typeof group !== "string" || typeof kind !== "string") {
        errors.push({ file, line, message: `CustomResourceDefinition ${object.metadata.name} names no group or kind` });
        continue;
      }
      for (const version of list(spec.versions).filter(isDict)) {
        const schema = dict(dict(version.schema).openAPIV3Schema);
        if (typeof version.name !== "string" || Object.keys(schema).length === 0) {
          errors.push({ file, line, message: `CustomResourceDefinition ${object.metadata.name} has a version without a schema` });
          continue;
        }
        const apiVersion = `${group}/${version.name}`;
        index.versions.set(`${apiVersion}/${kind}`, { crd: object.metadata.name, apiVersion, kind, schema });
      }
    }
    return { index, errors };
  }

  get size(): number {
    return this.versions.size;
  }

  versionFor(object: K8sObject): CrdVersion | undefined {
    return this.versions.get(`${object.apiVersion}/${object.kind}`);
  }

  /** The groups the CRDs define, to tell "no CRD for this kind" from "a built-in kind". */
  definesGroupOf(object: K8sObject): boolean {
    const group = object.apiVersion.split("/")[0];
    return [...this.versions.values()].some((v) => v.apiVersion.startsWith(`${group}/`));
  }
}
