/** A stack as files a reviewer can read: one YAML file per object, in apply order, plus the charts. */
import { stringify } from "yaml";
import type { ChartRelease } from "../../components/builders/chartRelease";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { chartReleases, stackObjects } from "../../components/builders/stack";
import type { StackConfig } from "../config/schema";
import { webhookPlaceholder } from "../config/stackFile";

export interface RenderedFile {
  name: string;
  content: string;
}

export const CHARTS_FILE = "charts.yaml";

/** Every value written out where it occurs: builders share objects between routes, and anchors would make reviewers chase them. */
const PLAIN_YAML = { aliasDuplicateObjects: false } as const;

function objectFileName(object: K8sObject, index: number): string {
  const namespace = object.metadata.namespace ?? "cluster";
  return `${String(index + 1).padStart(3, "0")}-${object.kind.toLowerCase()}-${namespace}-${object.metadata.name}.yaml`;
}

export function renderStack(config: StackConfig): RenderedFile[] {
  const objects = stackObjects(config, webhookPlaceholder);
  const files = objects.map((object, i) => ({ name: objectFileName(object, i), content: stringify(object, PLAIN_YAML) }));
  files.push({ name: CHARTS_FILE, content: renderCharts(chartReleases(config)) });
  return files;
}

function renderCharts(releases: ChartRelease[]): string {
  const header = "# Helm charts the stack installs, in order. Each is a helm.v4.Chart in the program.\n";
  return header + stringify({ charts: releases }, PLAIN_YAML);
}
