/**
 * The stack config rules that span several keys: control-plane revisions, replica bounds and
 * proxy resources, which namespace may be what, and the names the platform and Flagger derive
 * from a service (which must not collide in a namespace). Each rule reports every problem it
 * finds at the key a user would change, with the value written there.
 */
import type { z } from "zod";
import { compareVersions, revisionServing } from "./istioRevisions";
import { cpuProblem, memoryProblem, quantityValue } from "./kubernetesValues";
import { checkPerimeter } from "./perimeterRules";
import { checkAlerts, checkProgressive } from "./deliveryRules";
import { FLAGGER_NAME_SUFFIXES } from "../../policies/vocabulary/flaggerNames";
import { serviceAccountOf, type StackConfig } from "./schema";

type IssuePath = (string | number)[];
type IssueAt = (...rest: (string | number)[]) => IssuePath;

function issue(ctx: z.RefinementCtx, path: IssuePath, input: unknown, message: string): void {
  ctx.addIssue({ code: "custom", path, input, message });
}

export function checkStack(stack: StackConfig, ctx: z.RefinementCtx): void {
  checkRevisions(stack, ctx);
  checkScaling(stack, ctx);
  checkNamespaces(stack, ctx);
  checkServices(stack, ctx);
  checkDerivedNames(stack, ctx);
  checkPerimeter(stack, ctx);
  checkAlerts(stack, ctx);
}

// ---------------------------------------------------------------------------------------------
// Replicas and resources: what the HorizontalPodAutoscaler and the API server would refuse
// ---------------------------------------------------------------------------------------------

function checkScaling(stack: StackConfig, ctx: z.RefinementCtx): void {
  const { istio } = stack;
  const bounds = [
    { min: istio.istiodMinReplicas, max: istio.istiodMaxReplicas, at: ["istio"], minKey: "istiodMinReplicas", maxKey: "istiodMaxReplicas" },
    {
      min: istio.ingressGateway.minReplicas,
      max: istio.ingressGateway.maxReplicas,
      at: ["istio", "ingressGateway"],
      minKey: "minReplicas",
      maxKey: "maxReplicas",
    },
  ];
  for (const { min, max, at, minKey, maxKey } of bounds) {
    if (min > max) {
      issue(
        ctx,
        [...at, minKey],
        min,
        `is above ${[...at, maxKey].join(".")} (${max}); a HorizontalPodAutoscaler needs its minimum at or below its maximum`,
      );
    }
  }
  const { requests, limits } = istio.proxyResources;
  const problemOf = { cpu: cpuProblem, memory: memoryProblem };
  for (const resource of ["cpu", "memory"] as const) {
    if (problemOf[resource](requests[resource]) || problemOf[resource](limits[resource])) {
      continue; // already reported as a bad quantity
    }
    const requested = quantityValue(requests[resource]);
    const limit = quantityValue(limits[resource]);
    if (requested !== undefined && limit !== undefined && requested > limit) {
      issue(
        ctx,
        ["istio", "proxyResources", "requests", resource],
        requests[resource],
        `is above istio.proxyResources.limits.${resource} (${limits[resource]}); Kubernetes refuses a request above its limit`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Namespaces: Kubernetes' own are off limits; each platform namespace has one role
// ---------------------------------------------------------------------------------------------

/** Kubernetes' own namespaces: the platform labels and deletes the namespaces it is given, and these must be left alone. */
const isKubernetesNamespace = (name: string) => name === "default" || name.startsWith("kube-");

function checkNamespaces(stack: StackConfig, ctx: z.RefinementCtx): void {
  const { istio, flagger, kiali } = stack;
  const gateway = istio.ingressGateway;
  const kialiOperator = {
    key: "kiali.operatorNamespace",
    path: ["kiali", "operatorNamespace"] as IssuePath,
    name: kiali.operatorNamespace,
  };
  /** Each namespace the platform creates, with the key that names it. */
  const platform: { key: string; path: IssuePath; name: string }[] = [
    { key: "istio.namespace", path: ["istio", "namespace"], name: istio.namespace },
    ...(gateway.enabled
      ? [{ key: "istio.ingressGateway.namespace", path: ["istio", "ingressGateway", "namespace"], name: gateway.namespace }]
      : []),
    { key: "flagger.namespace", path: ["flagger", "namespace"], name: flagger.namespace },
    ...(kiali.enabled ? [kialiOperator] : []),
    // Last: the check below compares the load tester's namespace with every one before it.
    { key: "flagger.loadtesterNamespace", path: ["flagger", "loadtesterNamespace"], name: flagger.loadtesterNamespace },
  ];
  const everyNamespace = [
    ...platform,
    ...stack.namespaces.map((ns, i) => ({ key: `namespaces[${i}].name`, path: ["namespaces", i, "name"], name: ns.name })),
  ];
  for (const { path, name } of everyNamespace) {
    if (isKubernetesNamespace(name)) {
      issue(
        ctx,
        path,
        name,
        "is one of Kubernetes' own namespaces (default, kube-*); the platform labels and deletes the namespaces it is given, so give it one of its own",
      );
    }
  }

  // The load tester's namespace is in the mesh with an exception of its own; sharing it would put
  // the control plane or Flagger in the mesh, or drop the exception.
  const loadtester = platform[platform.length - 1];
  for (const other of platform.slice(0, -1)) {
    if (other.name === loadtester.name) {
      issue(ctx, loadtester.path, loadtester.name, `is also ${other.key}; the load tester needs a namespace of its own`);
    }
  }
  // The program creates the operator's namespace and deletes it with the operator.
  if (kiali.enabled) {
    for (const other of platform.filter((entry) => entry !== kialiOperator && entry.key !== "flagger.loadtesterNamespace")) {
      if (other.name === kialiOperator.name) {
        issue(ctx, kialiOperator.path, kialiOperator.name, `is also ${other.key}; the Kiali operator needs a namespace of its own`);
      }
    }
  }
  // A gateway namespace of its own is labelled for injection: Flagger there would get a sidecar.
  if (gateway.enabled && gateway.namespace !== istio.namespace && flagger.namespace === gateway.namespace) {
    issue(
      ctx,
      ["flagger", "namespace"],
      flagger.namespace,
      "is also istio.ingressGateway.namespace, which is in the mesh; Flagger must run outside it (use its own namespace or istio.namespace)",
    );
  }

  const platformKeys = new Map<string, string[]>();
  for (const { name, key } of platform) {
    platformKeys.set(name, [...(platformKeys.get(name) ?? []), key]);
  }
  const firstIndexByName = new Map<string, number>();
  stack.namespaces.forEach((ns, i) => {
    const owners = platformKeys.get(ns.name);
    if (owners !== undefined) {
      issue(
        ctx,
        ["namespaces", i, "name"],
        ns.name,
        `is the platform's own namespace (${owners.join(", ")}) and cannot be a service namespace`,
      );
    }
    const first = firstIndexByName.get(ns.name);
    if (first !== undefined) {
      issue(ctx, ["namespaces", i, "name"], ns.name, `is listed twice (also namespaces[${first}])`);
    } else {
      firstIndexByName.set(ns.name, i);
    }
    for (const key of ["istio-injection", "istio.io/rev"]) {
      if (key in ns.labels) {
        issue(
          ctx,
          ["namespaces", i, "labels", key],
          ns.labels[key],
          "is set by the platform from istio.revisions and namespaces[].revision; remove it",
        );
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------

function checkServices(stack: StackConfig, ctx: z.RefinementCtx): void {
  const meshNamespaces = new Set(stack.namespaces.map((ns) => ns.name));
  const firstIndexByKey = new Map<string, number>();
  /** `<namespace>/<ServiceAccount>` → the first service that names it. */
  const serviceAccountUser = new Map<string, number>();
  stack.services.forEach((svc, i) => {
    const at: IssueAt = (...rest) => ["services", i, ...rest];
    if (!meshNamespaces.has(svc.namespace)) {
      issue(ctx, at("namespace"), svc.namespace, "is not one of the mesh namespaces listed under namespaces");
    }
    const key = `${svc.namespace}/${svc.name}`;
    const first = firstIndexByKey.get(key);
    if (first !== undefined) {
      issue(ctx, at("name"), svc.name, `duplicates services[${first}] in namespace ${svc.namespace}`);
    } else {
      firstIndexByKey.set(key, i);
    }
    // Services may share a ServiceAccount, but it has one owner: the stack creates it or a team does.
    const account = `${svc.namespace}/${serviceAccountOf(svc)}`;
    const user = serviceAccountUser.get(account);
    if (user === undefined) {
      serviceAccountUser.set(account, i);
    } else if (stack.services[user].createServiceAccount !== svc.createServiceAccount) {
      issue(
        ctx,
        at("createServiceAccount"),
        svc.createServiceAccount,
        `disagrees with services[${user}] (${stack.services[user].name}), which runs as the same ServiceAccount ${serviceAccountOf(svc)}: either the stack creates it or the team does`,
      );
    }
    if (svc.delivery === "progressive") {
      checkProgressive(svc, stack, at, ctx);
    } else if (svc.split.stable + svc.split.canary !== 100) {
      issue(ctx, at("split"), svc.split, "stable and canary weights must total 100");
    }
  });
}

/**
 * Names made from a service's name must be unique in its namespace, as Kubernetes requires:
 * Flagger's `<name>-primary` and `<name>-canary` (Services, Deployment, DestinationRules) must not
 * be another service's name, and each custom metric's MetricTemplate `<service>-<metric>` must
 * be the only one of that name.
 */
function checkDerivedNames(stack: StackConfig, ctx: z.RefinementCtx): void {
  const generatedBy = new Map<string, number>();
  stack.services.forEach((svc, i) => {
    if (svc.delivery === "progressive") {
      FLAGGER_NAME_SUFFIXES.forEach((suffix) => generatedBy.set(`${svc.namespace}/${svc.name}${suffix}`, i));
    }
  });
  stack.services.forEach((svc, i) => {
    const owner = generatedBy.get(`${svc.namespace}/${svc.name}`);
    if (owner !== undefined) {
      const ownerName = stack.services[owner].name;
      issue(
        ctx,
        ["services", i, "name"],
        svc.name,
        `is a name Flagger generates for services[${owner}] (${ownerName}, progressive) in namespace ${svc.namespace}; rename one of them`,
      );
    }
  });

  /** MetricTemplate `<namespace>/<name>` → the key of the metric that makes it. */
  const templateOwner = new Map<string, string>();
  stack.services.forEach((svc, i) => {
    if (svc.delivery !== "progressive") {
      return;
    }
    const namesInService = new Map<string, number>();
    svc.canary.metrics.forEach((metric, j) => {
      const path = ["services", i, "canary", "metrics", j, "name"];
      const earlier = namesInService.get(metric.name);
      if (earlier !== undefined) {
        issue(ctx, path, metric.name, `is listed twice (also metrics[${earlier}])`);
        return;
      }
      namesInService.set(metric.name, j);
      const template = `${svc.namespace}/${svc.name}-${metric.name}`;
      const other = templateOwner.get(template);
      if (other !== undefined) {
        issue(
          ctx,
          path,
          metric.name,
          `makes the MetricTemplate ${svc.name}-${metric.name} in namespace ${svc.namespace}, as ${other} does; rename one of them`,
        );
      } else {
        templateOwner.set(template, `services[${i}].canary.metrics[${j}].name`);
      }
    });
  });
}

/**
 * The rules of a control-plane canary upgrade: tags point at one revision each, every selection
 * names a tag or revision that some istiod serves, and CRDs come from a `base` at least as new as
 * every istiod (Istio's CRDs are backward compatible, not forward).
 */
function checkRevisions(stack: StackConfig, ctx: z.RefinementCtx): void {
  const istio = stack.istio;
  const selections: { path: (string | number)[]; selector: string | undefined }[] = [
    { path: ["istio", "defaultRevision"], selector: istio.defaultRevision },
    { path: ["istio", "ingressGateway", "revision"], selector: istio.ingressGateway.revision },
    { path: ["flagger", "loadtesterRevision"], selector: stack.flagger.loadtesterRevision },
    ...stack.namespaces.map((ns, i) => ({ path: ["namespaces", i, "revision"], selector: ns.revision })),
  ];
  const revisions = istio.revisions;
  if (!revisions) {
    for (const { path, selector } of selections.filter((s) => s.selector !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path,
        input: selector,
        message: "needs istio.revisions: without revisions one istiod serves every namespace labelled istio-injection=enabled",
      });
    }
    return;
  }

  const revisionIndex = new Map<string, number>();
  const tagOwner = new Map<string, string>();
  revisions.forEach((revision, i) => {
    if (revisionIndex.has(revision.name)) {
      ctx.addIssue({ code: "custom", path: ["istio", "revisions", i, "name"], input: revision.name, message: "is listed twice" });
    }
    revisionIndex.set(revision.name, i);
    if (compareVersions(revision.version, stack.versions.istio) > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["istio", "revisions", i, "version"],
        input: revision.version,
        message: `is newer than the base chart (versions.istio ${stack.versions.istio}): CRDs must come from the newest base, so raise versions.istio to at least this version`,
      });
    }
  });
  revisions.forEach((revision, i) => {
    revision.tags.forEach((tag, j) => {
      const path = ["istio", "revisions", i, "tags", j];
      const owner = tagOwner.get(tag);
      if (owner !== undefined) {
        const message = owner === revision.name ? "is listed twice" : `is already a tag of revision ${owner}: a tag points at one revision`;
        ctx.addIssue({ code: "custom", path, input: tag, message });
      } else if (revisionIndex.has(tag)) {
        ctx.addIssue({ code: "custom", path, input: tag, message: "is also a revision name; a tag needs a name of its own" });
      }
      tagOwner.set(tag, owner ?? revision.name);
    });
  });

  if (istio.defaultRevision === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["istio", "defaultRevision"],
      input: undefined,
      message: "is required with istio.revisions: name the tag or revision that namespaces select unless they name their own",
    });
  }
  const served = `tags: ${[...tagOwner.keys()].join(", ") || "none"}; revisions: ${[...revisionIndex.keys()].join(", ")}`;
  for (const { path, selector } of selections) {
    if (selector !== undefined && !revisionServing(revisions, selector)) {
      ctx.addIssue({ code: "custom", path, input: selector, message: `selects a tag or revision that no istiod serves (${served})` });
    }
  }
}
