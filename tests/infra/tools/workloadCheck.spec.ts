import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import { parseStackConfig } from "../../../infra/config/parse";
import { projectConfigValues } from "../../../infra/config/configValues";
import type { StackConfig } from "../../../infra/config/schema";
import { webhookPlaceholder } from "../../../infra/config/stackFile";
import { runCheck } from "../../../infra/tools/check";
import { exitCodeOf, jsonReport, textReport } from "../../../infra/tools/checkReport";
import { loadManifests } from "../../../infra/tools/manifests";
import { judgeWorkloads, type WorkloadFinding } from "../../../infra/tools/workloadCheck";
import { autoscaler } from "../../../components/builders/autoscaler";
import { serviceAccount } from "../../../components/builders/serviceAccount";
import { PROJECT_ROOT, referenceStackConfig } from "../../helpers/stackFiles";
import type { ProgressiveServiceConfig } from "../../../infra/config/schema";

const CORRECT_SET = path.join(PROJECT_ROOT, "tests", "fixtures", "workloads", "production");
const production = (): StackConfig => parseStackConfig(projectConfigValues(referenceStackConfig("production")));

type Doc = Record<string, any>;

/** The correct set's documents, to change one thing in. */
function correctSet(): { user: Doc; paymentService: Doc; payment: Doc } {
  const read = (file: string) => parseAllDocuments(readFileSync(path.join(CORRECT_SET, file), "utf8")).map((d) => d.toJS() as Doc);
  const [user] = read("user-service.yaml");
  const [paymentService, payment] = read("payment-service.yaml");
  return { user, paymentService, payment };
}

/** Writes documents to a fresh directory, one file, and returns it. */
function manifestsDir(docs: Doc[], name = "apps.yaml"): string {
  const dir = mkdtempSync(path.join(tmpdir(), "workloads-"));
  writeFileSync(path.join(dir, name), docs.map((doc) => stringify(doc)).join("---\n"));
  return dir;
}

function judge(docs: Doc[], config: StackConfig = production()) {
  return judgeWorkloads(config, "Pulumi.production.yaml", loadManifests([manifestsDir(docs)]).objects);
}

/** `rule level workload field key`, the identity of a finding. */
const brief = (findings: WorkloadFinding[]) => findings.map((f) => `${f.rule} ${f.level} ${f.workload} ${f.field} ${f.key}`);

/** The correct set with one change. */
function withChange(change: (set: ReturnType<typeof correctSet>) => Doc[] | void): Doc[] {
  const set = correctSet();
  return change(set) ?? [set.user, set.paymentService, set.payment];
}

const USER = "Deployment production/user-service";
const PAYMENT = "Deployment production/payment-service-stable";
const ANNOTATIONS = 'spec.template.metadata.annotations["sidecar.istio.io/inject"]';

describe("check --workloads: the teams' manifests against the stack", () => {
  it("accepts the correct set for the production stack, judging both services' workloads", () => {
    const judgement = judgeWorkloads(production(), "Pulumi.production.yaml", loadManifests([CORRECT_SET]).objects);
    assert.deepEqual(judgement.findings, []);
    assert.equal(judgement.judged, 2);
    assert.deepEqual(judgement.notes, []);
  });

  it("reports a wrong ServiceAccount, and an unset one as default, at the field's line with the key it contradicts", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "workloads-"));
    const text = readFileSync(path.join(CORRECT_SET, "user-service.yaml"), "utf8").replace(
      "serviceAccountName: user-service",
      "serviceAccountName: users",
    );
    writeFileSync(path.join(dir, "user-service.yaml"), text);
    const line = text.split("\n").findIndex((l) => l.includes("serviceAccountName: users")) + 1;
    const [finding] = judgeWorkloads(production(), "Pulumi.production.yaml", loadManifests([dir]).objects).findings.filter(
      (f) => f.rule === "workload-identity",
    );
    assert.deepEqual(finding, {
      rule: "workload-identity",
      level: "mandatory",
      file: path.join(dir, "user-service.yaml"),
      line,
      workload: USER,
      field: "spec.template.spec.serviceAccountName",
      key: "mesh-platform:services[0].serviceAccount",
      message:
        'is "users", but the stack declares the service\'s identity as user-service: the services it calls (production/payment-service) ' +
        "allow its requests by that identity only, so they would refuse them",
    });
    const unset = judge(withChange(({ payment }) => void delete payment.spec.template.spec.serviceAccountName)).findings;
    assert.deepEqual(
      unset.map((f) => [f.workload, f.field, f.message]),
      [
        [
          PAYMENT,
          "spec.template.spec.serviceAccountName",
          "is \"default\" (unset), but the stack declares the service's identity as payment-service: the stack's policies name the service by that identity",
        ],
      ],
    );
  });

  it("reports name: instead of app: on a progressive service, in the selector Flagger reads and on the pods", () => {
    const findings = judge(
      withChange(({ user }) => {
        user.spec.selector.matchLabels = { name: "user-service" };
        user.spec.template.metadata.labels = { name: "user-service", version: "1.4.2" };
      }),
    ).findings;
    assert.deepEqual(brief(findings), [
      `workload-labels mandatory ${USER} spec.template.metadata.labels.app mesh-platform:services[0].name`,
      `workload-labels mandatory ${USER} spec.selector.matchLabels.name mesh-platform:services[0].name`,
    ]);
    assert.equal(
      findings[1].message,
      "is the label Flagger selects on (the first of app, name, app.kubernetes.io/name in the selector), so the primary's pods get " +
        "name: user-service-primary while the stack's policies select app: user-service-primary; select on app: user-service",
    );
  });

  it("reports a selector Flagger refuses, one the API server refuses, and a static service's pods without its label", () => {
    assert.deepEqual(
      brief(
        judge(
          withChange(({ user }) => {
            user.spec.selector.matchLabels = { tier: "users" };
          }),
        ).findings,
      ),
      [
        `workload-labels mandatory ${USER} spec.selector mesh-platform:services[0].name`,
        `workload-labels mandatory ${USER} spec.selector.matchLabels mesh-platform:services[0].name`,
      ],
    );
    assert.deepEqual(
      brief(
        judge(
          withChange(({ payment }) => {
            payment.spec.selector.matchLabels = { "app.kubernetes.io/name": "payment-service", version: "stable" };
            payment.spec.template.metadata.labels = { "app.kubernetes.io/name": "payment-service", version: "stable" };
          }),
        ).findings,
      ),
      [
        `workload-labels mandatory ${PAYMENT} spec.template.metadata.labels.app mesh-platform:services[1].name`,
        `workload-labels mandatory Service production/payment-service spec.selector mesh-platform:services[1].name`,
      ],
    );
  });

  it("reports a port the policies do not open, on the pods and on a static service's own Service", () => {
    assert.deepEqual(
      judge(
        withChange(({ user }) => {
          user.spec.template.spec.containers[0].ports = [{ name: "http", containerPort: 8080 }];
        }),
      ).findings.map((f) => [f.rule, f.level, f.field, f.key, f.message]),
      [
        [
          "workload-port",
          "mandatory",
          "spec.template.spec.containers[0].ports",
          "mesh-platform:services[0].port",
          "has no containerPort 3000, the port the service's policies allow (the containers declare 8080)",
        ],
      ],
    );
    assert.deepEqual(
      brief(
        judge(
          withChange(({ paymentService }) => {
            paymentService.spec.ports[0].targetPort = 8081;
          }),
        ).findings,
      ),
      ["workload-port mandatory Service production/payment-service spec.ports[0].targetPort mesh-platform:services[1].port"],
    );
  });

  it("reports a progressive service without a readiness probe", () => {
    assert.deepEqual(brief(judge(withChange(({ user }) => void delete user.spec.template.spec.containers[0].readinessProbe)).findings), [
      `workload-readiness mandatory ${USER} spec.template.spec.containers[0].readinessProbe mesh-platform:services[0].delivery`,
    ]);
  });

  it("reports each way a pod leaves the mesh or routes the service around its proxy", () => {
    const findings = judge(
      withChange(({ user, payment }) => {
        user.spec.template.metadata.annotations = {
          "sidecar.istio.io/inject": "false",
          "traffic.sidecar.istio.io/excludeInboundPorts": "3000,9090",
          "traffic.sidecar.istio.io/excludeOutboundPorts": "8080",
        };
        user.spec.template.metadata.labels["istio.io/rev"] = "1-29-0";
        payment.spec.template.spec.hostNetwork = true;
        payment.spec.template.metadata.labels["istio.io/rev"] = "canary";
        payment.spec.template.metadata.annotations = {
          "traffic.sidecar.istio.io/includeInboundPorts": "9090",
          "traffic.sidecar.istio.io/excludeOutboundIPRanges": "0.0.0.0/0",
        };
      }),
    ).findings;
    assert.deepEqual(brief(findings), [
      `mesh-opt-out mandatory ${USER} ${ANNOTATIONS} mesh-platform:namespaces[0]`,
      `mesh-opt-out mandatory ${USER} spec.template.metadata.labels["istio.io/rev"] mesh-platform:istio.revisions`,
      `mesh-opt-out mandatory ${USER} spec.template.metadata.annotations["traffic.sidecar.istio.io/excludeInboundPorts"] mesh-platform:services[0].port`,
      `mesh-opt-out mandatory ${USER} spec.template.metadata.annotations["traffic.sidecar.istio.io/excludeOutboundPorts"] mesh-platform:services[0].calls`,
      `mesh-opt-out mandatory ${PAYMENT} spec.template.spec.hostNetwork mesh-platform:namespaces[0]`,
      `mesh-opt-out advisory ${PAYMENT} spec.template.metadata.labels["istio.io/rev"] mesh-platform:namespaces[0].revision`,
      `mesh-opt-out mandatory ${PAYMENT} spec.template.metadata.annotations["traffic.sidecar.istio.io/includeInboundPorts"] mesh-platform:services[1].port`,
      `mesh-opt-out mandatory ${PAYMENT} spec.template.metadata.annotations["traffic.sidecar.istio.io/excludeOutboundIPRanges"] mesh-platform:services[1].calls`,
    ]);
    assert.equal(
      findings[5].message,
      'is "canary", but namespace production selects stable, whose webhook injects the pod; the pod\'s label is ignored',
    );
    // The opt-out as a pod label counts the same.
    assert.deepEqual(
      brief(judge(withChange(({ user }) => void (user.spec.template.metadata.labels["sidecar.istio.io/inject"] = "false"))).findings),
      [`mesh-opt-out mandatory ${USER} spec.template.metadata.labels["sidecar.istio.io/inject"] mesh-platform:namespaces[0]`],
    );
  });

  it("reports a workload no service runs in a mesh namespace as advisory, but not a Job", () => {
    const orders = structuredClone(correctSet().user);
    orders.metadata.name = "orders";
    orders.spec.selector.matchLabels.app = "orders";
    orders.spec.template.metadata.labels.app = "orders";
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "migrate", namespace: "production" },
      spec: { template: { spec: {} } },
    };
    const judgement = judge(withChange((set) => [set.user, set.paymentService, set.payment, orders, job]));
    assert.deepEqual(brief(judgement.findings), [
      "undeclared-workload advisory Deployment production/orders metadata.name mesh-platform:namespaces[0]",
    ]);
  });

  it("refuses Services and routing Flagger owns, and warns about the apex Service it takes over", () => {
    const service = (name: string) => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: "production" },
      spec: { ports: [{ port: 3000 }] },
    });
    const routing = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "user-service", namespace: "production" },
      spec: {},
    };
    const findings = judge(
      withChange((set) => [set.user, set.paymentService, set.payment, service("user-service-primary"), service("user-service"), routing]),
    ).findings;
    assert.deepEqual(brief(findings), [
      "flagger-owned mandatory Service production/user-service-primary metadata.name mesh-platform:services[0].delivery",
      "flagger-owned advisory Service production/user-service metadata.name mesh-platform:services[0].delivery",
      "flagger-owned mandatory VirtualService production/user-service metadata.name mesh-platform:services[0].delivery",
    ]);
  });

  it("refuses a team HPA on a progressive service's Deployment", () => {
    const hpa = {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "user-service-hpa", namespace: "production" },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "user-service" }, minReplicas: 2, maxReplicas: 5 },
    };
    const findings = judge(withChange((set) => [set.user, set.paymentService, set.payment, hpa])).findings;
    assert.deepEqual(
      findings.map((f) => [f.rule, f.level, f.workload, f.field, f.key, f.message]),
      [
        [
          "workload-autoscaling",
          "mandatory",
          "HorizontalPodAutoscaler production/user-service-hpa",
          "spec.scaleTargetRef",
          "mesh-platform:services[0].autoscaler",
          "scales user-service, but Flagger copies no team HPA to the primary, which then never scales; declare services[0].autoscaler instead",
        ],
      ],
    );
  });

  it("with the stack's autoscaler: CPU requests on every container, no replicas, no HPA of the team's", () => {
    const config = production();
    const user = config.services[0] as ProgressiveServiceConfig;
    user.autoscaler = { minReplicas: 2, maxReplicas: 6, cpuUtilization: 80 };
    const hpa = {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "user-service", namespace: "production" },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "user-service-primary" }, minReplicas: 2, maxReplicas: 5 },
    };
    const docs = withChange((set) => {
      set.user.spec.template.spec.containers.push({ name: "log-shipper", image: "fluent-bit" });
      return [set.user, set.paymentService, set.payment, hpa, autoscaler(user)!];
    });
    assert.deepEqual(brief(judge(docs, config).findings), [
      `workload-autoscaling mandatory ${USER} spec.template.spec.containers[1].resources.requests.cpu mesh-platform:services[0].autoscaler`,
      `workload-autoscaling advisory ${USER} spec.replicas mesh-platform:services[0].autoscaler`,
      "workload-autoscaling mandatory HorizontalPodAutoscaler production/user-service spec.scaleTargetRef mesh-platform:services[0].autoscaler",
    ]);
  });

  it("finds the workload where it is misplaced, misnamed or of a kind Flagger cannot canary, and still judges it", () => {
    assert.deepEqual(brief(judge(withChange(({ user }) => void (user.metadata.namespace = "default"))).findings), [
      `workload-exists mandatory Deployment default/user-service metadata.namespace mesh-platform:services[0].namespace`,
    ]);
    assert.deepEqual(brief(judge(withChange(({ user }) => void (user.metadata.name = "users-api"))).findings), [
      "workload-exists mandatory Deployment production/users-api metadata.name mesh-platform:services[0].name",
    ]);
    assert.deepEqual(
      brief(
        judge(
          withChange(({ user }) => {
            user.kind = "StatefulSet";
            delete user.spec.template.spec.containers[0].readinessProbe;
          }),
        ).findings,
      ),
      [
        "workload-exists mandatory StatefulSet production/user-service kind mesh-platform:services[0].delivery",
        "workload-readiness mandatory StatefulSet production/user-service spec.template.spec.containers[0].readinessProbe mesh-platform:services[0].delivery",
      ],
    );
    const missing = judge(withChange((set) => [set.paymentService, set.payment])).findings;
    assert.deepEqual(
      missing.map((f) => [f.file, f.line, f.workload, f.field, f.key, f.message]),
      [
        [
          "Pulumi.production.yaml",
          undefined,
          USER,
          "metadata.name",
          "mesh-platform:services[0].name",
          "is not among the manifests: the Canary of user-service targets a Deployment of that name in namespace production",
        ],
      ],
    );
  });

  it("needs pods in each subset a static split sends traffic to", () => {
    assert.deepEqual(
      judge(withChange(({ payment }) => void (payment.spec.template.metadata.labels.version = "v3"))).findings.map((f) => [
        f.rule,
        f.key,
        f.message,
      ]),
      [
        [
          "workload-labels",
          "mesh-platform:services[1].name",
          "does not select the pod template's labels: the API server refuses the workload",
        ],
        [
          "workload-labels",
          "mesh-platform:services[1].subsets.stable",
          'no pods of the service carry the stable subset\'s labels {"version":"stable"}: the 100% the split sends there fail (503)',
        ],
      ],
    );
  });

  it("tells the team's ServiceAccount from the stack's, by who the stack says owns it", () => {
    const teams = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "user-service", namespace: "production" } };
    assert.deepEqual(brief(judge(withChange((set) => [set.user, set.paymentService, set.payment, teams])).findings), [
      "workload-identity advisory ServiceAccount production/user-service metadata.name mesh-platform:services[0].createServiceAccount",
    ]);
    const config = production();
    config.services[0].createServiceAccount = false;
    assert.deepEqual(
      brief(
        judge(
          withChange((set) => [set.user, set.paymentService, set.payment, teams]),
          config,
        ).findings,
      ),
      [],
    );
    assert.deepEqual(
      brief(
        judge(
          withChange(() => undefined),
          config,
        ).findings,
      ),
      ["workload-identity advisory ServiceAccount production/user-service metadata.name mesh-platform:services[0].createServiceAccount"],
    );
  });

  it("reads a kubectl get -o yaml dump: owned ReplicaSets and Pods, Flagger's copies and the stack's own objects are not the team's", () => {
    const set = correctSet();
    const owner = (kind: string, name: string, apiVersion = "apps/v1") => [{ apiVersion, kind, name, uid: "u", controller: true }];
    const replicaSet = {
      ...structuredClone(set.user),
      kind: "ReplicaSet",
      metadata: { name: "user-service-5d9f", namespace: "production", ownerReferences: owner("Deployment", "user-service") },
    };
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "user-service-5d9f-x",
        namespace: "production",
        labels: { app: "user-service" },
        ownerReferences: owner("ReplicaSet", "user-service-5d9f"),
      },
      spec: { containers: [{ name: "app" }] },
    };
    const primary = {
      ...structuredClone(set.user),
      metadata: {
        name: "user-service-primary",
        namespace: "production",
        ownerReferences: owner("Canary", "user-service", "flagger.app/v1beta1"),
      },
    };
    const primaryService = {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "user-service-primary",
        namespace: "production",
        ownerReferences: owner("Canary", "user-service", "flagger.app/v1beta1"),
      },
      spec: {},
    };
    const list = {
      apiVersion: "v1",
      kind: "List",
      items: [
        set.user,
        replicaSet,
        pod,
        primary,
        primaryService,
        set.paymentService,
        set.payment,
        serviceAccount("user-service", "production"),
      ],
    };
    const judgement = judge([list]);
    assert.deepEqual(judgement.findings, []);
    assert.equal(judgement.judged, 2);
  });

  it("judges helm template output without namespaces as applied in the service's namespace, and says so", () => {
    const judgement = judge(
      withChange((set) => {
        for (const doc of [set.user, set.paymentService, set.payment]) {
          delete doc.metadata.namespace;
        }
      }),
    );
    assert.deepEqual(judgement.findings, []);
    assert.deepEqual(judgement.notes, [
      "Deployment user-service, Deployment payment-service-stable: no metadata.namespace, so judged as if applied in the namespace of the service they run",
    ]);
  });

  it("refuses an app running as the proxy's user, and calls kept out of the proxy by includeOutboundIPRanges", () => {
    const findings = judge(
      withChange(({ user, payment }) => {
        user.spec.template.spec.containers[0].securityContext = { runAsUser: 1337 };
        user.spec.template.metadata.annotations = { "traffic.sidecar.istio.io/includeOutboundIPRanges": "" };
        payment.spec.template.spec.securityContext = { runAsUser: 1337 };
        payment.spec.template.metadata.annotations = { "traffic.sidecar.istio.io/includeOutboundIPRanges": "10.0.0.0/16" };
      }),
    ).findings;
    assert.deepEqual(brief(findings), [
      `mesh-opt-out mandatory ${USER} spec.template.spec.containers[0].securityContext.runAsUser mesh-platform:namespaces[0]`,
      `mesh-opt-out mandatory ${USER} spec.template.metadata.annotations["traffic.sidecar.istio.io/includeOutboundIPRanges"] mesh-platform:services[0].calls`,
      `mesh-opt-out mandatory ${PAYMENT} spec.template.spec.securityContext.runAsUser mesh-platform:namespaces[0]`,
      `mesh-opt-out advisory ${PAYMENT} spec.template.metadata.annotations["traffic.sidecar.istio.io/includeOutboundIPRanges"] mesh-platform:services[1].calls`,
    ]);
  });

  it("keeps a progressive service's pods on sidecars", () => {
    assert.deepEqual(
      brief(judge(withChange(({ user }) => void (user.spec.template.metadata.labels["istio.io/dataplane-mode"] = "ambient"))).findings),
      [`mesh-opt-out mandatory ${USER} spec.template.metadata.labels["istio.io/dataplane-mode"] mesh-platform:services[0].delivery`],
    );
  });

  it("runs through check --stack: every finding in text and JSON with field and key, exit 1 on a mandatory one", () => {
    const dir = manifestsDir(withChange(({ user }) => void (user.spec.template.spec.serviceAccountName = "users")));
    const result = runCheck({
      subject: { kind: "stack", config: production(), file: "Pulumi.production.yaml", webhookUrlOf: webhookPlaceholder },
      packConfig: {},
      workloads: [dir],
    });
    assert.equal(exitCodeOf(result), 1);
    const text = textReport(result);
    assert.match(
      text,
      new RegExp(
        `^${dir}/apps.yaml:\\d+ \\(mesh-platform:services\\[0\\]\\.serviceAccount\\)  ${USER}  workload-identity  mandatory  spec\\.template\\.spec\\.serviceAccountName: is "users"`,
        "m",
      ),
    );
    assert.match(text, /^2 workloads judged against the stack: 1 mandatory, 0 advisory findings$/m);
    const json = JSON.parse(jsonReport(result));
    assert.equal(json.summary.workloads, 2);
    const row = json.violations.find((v: { rule: string }) => v.rule === "workload-identity");
    assert.deepEqual(
      [row.object, row.field, row.key, row.level],
      [USER, "spec.template.spec.serviceAccountName", "mesh-platform:services[0].serviceAccount", "mandatory"],
    );
    const clean = runCheck({
      subject: { kind: "stack", config: production(), file: "Pulumi.production.yaml", webhookUrlOf: webhookPlaceholder },
      packConfig: {},
      workloads: [CORRECT_SET],
    });
    assert.equal(exitCodeOf(clean), 0);
  });
});
