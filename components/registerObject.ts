/**
 * Registers a plain Kubernetes object from a builder as the matching Pulumi resource, with
 * a dependency on whatever ships its CRD. A dependency on a `helm.v4.Chart` waits for all of the
 * chart's objects, CRDs included (https://github.com/pulumi/pulumi-kubernetes/issues/861).
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { crdSourceOf, type CrdSource } from "../policies/vocabulary/crdSources";
import { describeObject, type K8sObject } from "../policies/vocabulary/k8sObject";
import { secretIfCarrying, type SecretValues } from "./secrecy";

/**
 * For each CRD source, what an object of it must wait for: the chart that ships its CRD and, for
 * Istio, every istiod chart as well, since istiod's validating webhook admits Istio config and
 * fails closed (`failurePolicy: Fail`) until istiod serves. The Prometheus Operator's CRDs are
 * installed outside this program.
 */
export type CrdCharts = Partial<Record<Exclude<CrdSource, "prometheus-operator">, readonly pulumi.Resource[]>>;

export interface RegisterOptions {
  parent: pulumi.Resource;
  crdCharts: CrdCharts;
  /** Further dependencies, e.g. the namespace the object lives in. */
  dependsOn?: pulumi.Resource[];
  /** Strings the user set as secrets: a field of the object carrying one is registered as a secret. */
  secretValues?: SecretValues;
}

/** The resources an object must wait for: its CRD's chart (if any) and the given extras. */
function dependenciesOf(object: K8sObject, options: RegisterOptions): pulumi.Resource[] {
  const source = crdSourceOf(object.apiVersion);
  const dependencies = [...(options.dependsOn ?? [])];
  if (source && source !== "prometheus-operator") {
    const charts = options.crdCharts[source];
    if (!charts || charts.length === 0) {
      throw new Error(`${describeObject(object)} needs the ${source} chart, which ships its CRD, but it was not passed in`);
    }
    dependencies.push(...charts);
  }
  return dependencies;
}

export function registerObject(name: string, object: K8sObject, options: RegisterOptions): pulumi.CustomResource {
  const opts: pulumi.CustomResourceOptions = { parent: options.parent, dependsOn: dependenciesOf(object, options) };
  const { apiVersion, kind, metadata, ...body } = object;
  if (crdSourceOf(apiVersion)) {
    const fields = Object.fromEntries(Object.entries(body).map(([field, value]) => [field, secretIfCarrying(value, options.secretValues)]));
    return new k8s.apiextensions.CustomResource(name, { apiVersion, kind, metadata, ...fields }, opts);
  }
  if (apiVersion === "v1" && kind === "Namespace") {
    return new k8s.core.v1.Namespace(name, { metadata }, opts);
  }
  if (apiVersion === "autoscaling/v2" && kind === "HorizontalPodAutoscaler") {
    return new k8s.autoscaling.v2.HorizontalPodAutoscaler(
      name,
      { metadata, spec: body.spec as k8s.types.input.autoscaling.v2.HorizontalPodAutoscalerSpec },
      opts,
    );
  }
  if (apiVersion === "v1" && kind === "ServiceAccount") {
    return new k8s.core.v1.ServiceAccount(name, { metadata }, opts);
  }
  if (apiVersion === "v1" && kind === "Secret") {
    return new k8s.core.v1.Secret(
      name,
      { metadata, type: body.type as string, stringData: body.stringData as Record<string, pulumi.Input<string>> },
      opts,
    );
  }
  throw new Error(`no Pulumi resource type is mapped for ${apiVersion} ${kind} (${describeObject(object)})`);
}
