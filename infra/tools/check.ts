/**
 * What `check` does, apart from reading its arguments: gather the objects (a stack's, or
 * manifests'), run the pack's rules over them, and, given CRDs, validate every custom resource
 * against its CRD as the API server would.
 */
import { chartOfRelease } from "../../components/builders/chartRelease";
import { sourcedChartReleases, sourcedStackObjects } from "../../components/builders/stack";
import { evaluateCharts, evaluateObjects, previewOnlyRules, type Violation } from "../../policies/evaluate";
import type { PackConfig } from "../../policies/packConfig";
import { describeObject, type K8sObject } from "../../policies/vocabulary/k8sObject";
import { PROJECT } from "../config/keys";
import type { StackConfig } from "../config/schema";
import type { CheckResult, LocatedChart } from "./checkReport";
import { CrdIndex } from "./crdIndex";
import { crdFindings } from "./crdValidation";
import { loadManifests, withoutDuplicates, type LocatedObject, type ManifestError } from "./manifests";
import { stackAnalysisTraffic } from "./analysisTrafficReport";
import { lockedOutServices } from "./reachability";
import { judgeWorkloads, type WorkloadFinding } from "./workloadCheck";

/** The pseudo-rule under which `check` reports what a CRD refuses. */
export const CRD_RULE = "crd-schema";
/** The pseudo-rule under which `check --stack` reports a service nothing may call (reachability.ts). */
export const UNREACHABLE_RULE = "unreachable-service";
/** The pseudo-rule under which `check --stack` reports a canary that counts on users nothing lets reach it (analysisTrafficReport.ts). */
export const STARVED_CANARY_RULE = "canary-user-traffic";

export type CheckSubject =
  | {
      kind: "stack";
      config: StackConfig;
      file: string;
      webhookUrlOf: (provider: string) => unknown;
      /** What reading the stack found worth saying (secrets the file lacks), reported as notes. */
      notes?: readonly string[];
    }
  | { kind: "manifests"; inputs: readonly string[] };

export interface CheckOptions {
  subject: CheckSubject;
  packConfig: PackConfig;
  /** CRD files or directories (`-` for standard input); none skips the CRD validation. */
  crds?: readonly string[];
  /**
   * With a stack: the application teams' manifests (files, directories, `-`), whose workloads are
   * judged against the stack's services (workloadCheck.ts). @default none
   */
  workloads?: readonly string[];
  readStdin?: () => Buffer;
  /** Where relative inputs are read from. @default the process's directory */
  cwd?: string;
  /** Which policy config the check applies, as the report names it. @default none */
  policyConfig?: string;
}

/** Advisory findings for the services default-deny locks out, each on the service's first object (for its file and key). */
function lockedOutViolations(config: StackConfig, objects: readonly LocatedObject[]): Violation[] {
  return lockedOutServices(config).flatMap(({ service, key, message }) => {
    const first = objects.find((located) => located.key === `${PROJECT}:${key}`);
    return first
      ? [
          {
            rule: UNREACHABLE_RULE,
            level: "advisory" as const,
            subject: `service ${service.namespace}/${service.name}`,
            object: first.object,
            message,
          },
        ]
      : [];
  });
}

/** Advisory findings for the canaries whose analysis counts on users nothing may send, each on the service's Canary. */
function starvedCanaryViolations(config: StackConfig, objects: readonly LocatedObject[]): Violation[] {
  return stackAnalysisTraffic(config).flatMap(({ key, starved }) => {
    const canary = objects.find((located) => located.key === `${PROJECT}:${key}` && located.object.kind === "Canary");
    return starved && canary
      ? [
          {
            rule: STARVED_CANARY_RULE,
            level: "advisory" as const,
            subject: describeObject(canary.object),
            object: canary.object,
            message: starved,
          },
        ]
      : [];
  });
}

function stackInputs(subject: Extract<CheckSubject, { kind: "stack" }>): { objects: LocatedObject[]; charts: LocatedChart[] } {
  return {
    objects: sourcedStackObjects(subject.config, subject.webhookUrlOf).map(({ value, key }) => ({
      object: value,
      file: subject.file,
      key: `${PROJECT}:${key}`,
    })),
    charts: sourcedChartReleases(subject.config).map(({ value, key }) => ({
      chart: chartOfRelease(value),
      file: subject.file,
      key: `${PROJECT}:${key}`,
    })),
  };
}

/** API groups whose kinds are built into Kubernetes: no CRD is expected for them. */
function isBuiltIn(object: K8sObject): boolean {
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
  return !group.includes(".") || group.endsWith(".k8s.io");
}

function crdViolations(
  objects: readonly LocatedObject[],
  crdInputs: readonly string[],
  readStdin: (() => Buffer) | undefined,
  cwd: string | undefined,
): { violations: Violation[]; errors: ManifestError[]; notes: string[] } {
  const loaded = loadManifests(crdInputs, readStdin, cwd);
  const { index, errors } = CrdIndex.fromObjects(loaded.objects);
  const problems = [...loaded.errors, ...errors];
  if (index.size === 0) {
    problems.push({ file: crdInputs.join(", "), message: "holds no CustomResourceDefinition with a schema" });
  }
  const violations: Violation[] = [];
  const unchecked = new Set<string>();
  for (const { object } of objects) {
    const version = index.versionFor(object);
    if (!version) {
      if (!isBuiltIn(object)) {
        unchecked.add(`${object.apiVersion} ${object.kind}`);
      }
      continue;
    }
    for (const finding of crdFindings(object, version)) {
      violations.push({
        rule: CRD_RULE,
        level: "mandatory",
        subject: describeObject(object),
        object,
        message: `${finding.path || "(object)"}: ${finding.message} (${version.crd})`,
      });
    }
  }
  const notes = [...loaded.notes, ...[...unchecked].sort().map((kind) => `${kind}: no CRD among the --crds inputs, so not schema-checked`)];
  return { violations, errors: problems, notes };
}

export function runCheck(options: CheckOptions): CheckResult {
  const subject = options.subject;
  let objects: LocatedObject[];
  let charts: LocatedChart[] = [];
  let errors: ManifestError[] = [];
  const notes: string[] = [];
  if (subject.kind === "stack") {
    ({ objects, charts } = stackInputs(subject));
    notes.push(...(subject.notes ?? []));
  } else {
    const loaded = loadManifests(subject.inputs, options.readStdin, options.cwd);
    const unique = withoutDuplicates(loaded.objects);
    objects = unique.objects;
    errors = loaded.errors;
    notes.push(...loaded.notes, ...unique.notes);
  }
  const violations = [
    ...evaluateObjects(
      objects.map((o) => o.object),
      options.packConfig,
    ),
    ...evaluateCharts(
      charts.map((c) => c.chart),
      options.packConfig,
    ),
  ];
  let workloadFindings: WorkloadFinding[] = [];
  let workloadsJudged = 0;
  if (subject.kind === "stack") {
    violations.push(...lockedOutViolations(subject.config, objects), ...starvedCanaryViolations(subject.config, objects));
    if (options.workloads && options.workloads.length > 0) {
      const loaded = loadManifests(options.workloads, options.readStdin, options.cwd);
      const unique = withoutDuplicates(loaded.objects);
      const judgement = judgeWorkloads(subject.config, subject.file, unique.objects);
      workloadFindings = judgement.findings;
      workloadsJudged = judgement.judged;
      errors.push(...loaded.errors);
      notes.push(...loaded.notes, ...unique.notes, ...judgement.notes);
    }
  }
  if (options.crds && options.crds.length > 0) {
    const crd = crdViolations(objects, options.crds, options.readStdin, options.cwd);
    violations.push(...crd.violations);
    errors.push(...crd.errors);
    notes.push(...crd.notes);
  }
  return {
    objects,
    charts,
    violations,
    workloadFindings,
    workloadsJudged,
    errors,
    notes,
    skippedRules: previewOnlyRules(),
    ...(options.policyConfig ? { policyConfig: options.policyConfig } : {}),
  };
}
