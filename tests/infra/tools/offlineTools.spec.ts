import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { parseStackConfig, StackConfigError } from "../../../infra/config/parse";
import { exitCodeOf, jsonReport, type CheckResult } from "../../../infra/tools/checkReport";
import { loadManifests, parseManifests } from "../../../infra/tools/manifests";
import { CHARTS_FILE, renderStack } from "../../../infra/tools/render";
import { RENDER_MARKER, writeRender } from "../../../infra/tools/renderOutput";
import { markdownReport, schedule, stackRollouts, textReport } from "../../../infra/tools/rolloutReport";
import { loadStackFile, readStackFile, webhookPlaceholder } from "../../../infra/config/stackFile";
import { stackWarnings } from "../../../infra/tools/stackWarnings";
import { runStack } from "../../../infra/program/program";
import { chartOfRelease } from "../../../components/builders/chartRelease";
import { chartReleases } from "../../../components/builders/stack";
import { evaluateCharts, evaluateObjects } from "../../../policies/evaluate";
import { runCheck } from "../../../infra/tools/check";
import { everythingValues, minimalConfig } from "../../helpers/configFixtures";
import { runUnderMocks } from "../../helpers/pulumiHarness";
import { runTool } from "../../helpers/commands";
import {
  ALERT_WEBHOOKS_KEY,
  alertWebhookSecrets,
  asCliConfig,
  minimalStackValues,
  PROJECT_ROOT,
  REFERENCE_STACKS,
  referenceStackConfig,
  withProjectPrefix,
} from "../../helpers/stackFiles";

const FIXTURES = path.join(PROJECT_ROOT, "tests", "fixtures", "manifests");
/** The program on the reference production stack, its alert webhook URLs set as secrets. */
function runReferenceProduction() {
  const stack = referenceStackConfig("production");
  return runUnderMocks(asCliConfig({ ...stack, ...alertWebhookSecrets(stack) }), runStack, { secretKeys: [ALERT_WEBHOOKS_KEY] });
}

/** The project's policy config for the reference production stack. */
const PRODUCTION_POLICY_CONFIG = path.join(PROJECT_ROOT, "policies", "config", "production.json");

/**
 * Runs a tool's command as a user would from a project root, in-process; by default from the
 * reference stacks' directory, so that `--stack production` reads the tests' own copy.
 */
const run = (script: "render" | "check" | "plan", args: string[], cwd = REFERENCE_STACKS) => runTool(script, args, cwd);

/** A JSON file in a fresh temporary directory; returns its path. */
function writeJson(value: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "policy-")), "config.json");
  writeFileSync(file, JSON.stringify(value));
  return file;
}

function directoryWithFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dir-"));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function checkResult(inputs: string[]): CheckResult {
  return runCheck({ subject: { kind: "manifests", inputs }, packConfig: {} });
}

describe("render --out: only into a directory it owns, deleting only what it wrote", () => {
  const files = (names: string[]) => names.map((name) => ({ name, content: `${name}: true\n` }));

  it("creates the directory, and on the next render removes only files it wrote before", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "render-out-")), "out");
    writeRender(dir, files(["001-a.yaml", "002-b.yaml"]));
    writeFileSync(path.join(dir, "notes.txt"), "mine\n");
    writeRender(dir, files(["001-a.yaml"]));
    assert.deepEqual(readdirSync(dir).sort(), [RENDER_MARKER, "001-a.yaml", "notes.txt"].sort());
  });

  it("refuses a directory with files it did not write, such as the project, and deletes nothing", () => {
    const project = directoryWithFiles({ "Pulumi.production.yaml": "config: {}\n", "README.md": "# readme\n" });
    assert.throws(() => writeRender(project, files(["001-a.yaml"])), /refusing to render into .*: it holds files render did not write/);
    assert.deepEqual(readdirSync(project).sort(), ["Pulumi.production.yaml", "README.md"]);
    const result = run("render", ["--stack", "production", "--out", "."]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /refusing to render into .*: it holds files render did not write/);
    assert.ok(existsSync(path.join(REFERENCE_STACKS, "Pulumi.production.yaml")));
  });

  it("never deletes outside its directory, whatever its marker lists", () => {
    const root = mkdtempSync(path.join(tmpdir(), "render-marker-"));
    writeFileSync(path.join(root, "precious.yaml"), "keep: true\n");
    const dir = path.join(root, "out");
    writeRender(dir, files(["001-a.yaml"]));
    writeFileSync(path.join(dir, RENDER_MARKER), JSON.stringify({ files: ["../precious.yaml", "/etc/hosts", "001-a.yaml"] }));
    writeRender(dir, files(["002-b.yaml"]));
    assert.ok(existsSync(path.join(root, "precious.yaml")));
    assert.deepEqual(readdirSync(dir).sort(), [RENDER_MARKER, "002-b.yaml"].sort());
  });
});

describe("render", () => {
  it("renders exactly the objects and charts the program registers under mocks", async () => {
    const files = renderStack(readStackFile("production", REFERENCE_STACKS));
    const rendered = files.filter((f) => f.name !== CHARTS_FILE).map((f) => parse(f.content));
    const program = await runReferenceProduction();
    const registered = program.resources
      .filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/"))
      .map((r) => {
        if (r.type !== "kubernetes:core/v1:Secret") {
          return r.inputs;
        }
        // A provider's Secret `flagger-<provider>` holds the placeholder offline, the secret URL in the program.
        const provider = (r.inputs.metadata as { name: string }).name.replace(/^flagger-/, "");
        return { ...r.inputs, stringData: { address: webhookPlaceholder(provider) } };
      });
    const byIdentity = (o: any) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
    assert.deepEqual(
      [...rendered].sort((a, b) => byIdentity(a).localeCompare(byIdentity(b))),
      [...registered].sort((a: any, b: any) => byIdentity(a).localeCompare(byIdentity(b))),
    );

    const charts = (parse(files.find((f) => f.name === CHARTS_FILE)!.content) as { charts: any[] }).charts;
    const registeredCharts = program.ofType("kubernetes:helm.sh/v4:Chart").map((c) => ({
      name: c.inputs.name,
      namespace: c.inputs.namespace,
      repository: (c.inputs.repositoryOpts as any).repo,
      chart: c.inputs.chart,
      version: c.inputs.version,
      values: c.inputs.values,
    }));
    // charts.yaml also says where each chart keeps its CRDs; the rest is what the program installs.
    assert.deepEqual(
      charts.map((chart) => ({ ...chart, crds: undefined })),
      registeredCharts.map((chart) => ({ ...chart, crds: undefined })),
    );
    assert.deepEqual(
      charts.filter((chart) => chart.crds).map((chart) => [chart.chart, chart.crds]),
      [
        ["base", "templates"],
        ["flagger", "crds-folder"],
        ["kiali-operator", "crds-folder"],
      ],
    );
  });

  it("shows secrets as a placeholder, even when the stack file holds the encrypted URLs", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "render-"));
    const urls = { deployments: { secure: "v1:AAAAencrypted" }, "on-call": { secure: "v1:BBBBencrypted" } };
    const stack = { config: { ...referenceStackConfig("production"), [ALERT_WEBHOOKS_KEY]: urls } };
    writeFileSync(path.join(dir, "Pulumi.prod.yaml"), JSON.stringify(stack));
    const files = renderStack(readStackFile("prod", dir));
    const secrets = files.filter((f) => f.name.includes("-secret-")).map((f) => parse(f.content).stringData.address);
    assert.deepEqual(secrets, [webhookPlaceholder("deployments"), webhookPlaceholder("on-call")]);
    assert.equal(webhookPlaceholder("on-call"), "<secret mesh-platform:alertWebhookUrls.on-call>");
    assert.ok(files.every((f) => !f.content.includes("encrypted")));
  });

  it("names each webhook URL the stack file lacks, with the command that sets it, without decrypting the others", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "render-"));
    const write = (urls: unknown) =>
      writeFileSync(
        path.join(dir, "Pulumi.prod.yaml"),
        JSON.stringify({ config: { ...referenceStackConfig("production"), ...(urls ? { [ALERT_WEBHOOKS_KEY]: urls } : {}) } }),
      );
    const setCommand = (provider: string) => `pulumi config set --secret --path 'alertWebhookUrls.${provider}' <url>`;
    write({ deployments: { secure: "v1:AAAA" } });
    assert.deepEqual(stackWarnings("prod", loadStackFile("prod", dir)), [
      `mesh-platform:alertWebhookUrls.on-call: not in Pulumi.prod.yaml, and alert provider on-call needs it before \`pulumi up\`: run \`${setCommand("on-call")}\``,
    ]);
    write(undefined);
    assert.deepEqual(
      loadStackFile("prod", dir).missingSecrets.map((m) => [m.key, m.neededBy, m.command]),
      [
        ["mesh-platform:alertWebhookUrls.deployments", "alert provider deployments", setCommand("deployments")],
        ["mesh-platform:alertWebhookUrls.on-call", "alert provider on-call", setCommand("on-call")],
      ],
    );
    // Encrypted as a whole, the URLs cannot be counted offline: nothing is named.
    write({ secure: "v1:CCCC" });
    assert.deepEqual(loadStackFile("prod", dir).missingSecrets, []);
    write({ deployments: { secure: "v1:AAAA" }, "on-call": { secure: "v1:BBBB" } });
    assert.deepEqual(loadStackFile("prod", dir).missingSecrets, []);
  });

  it("refuses a webhook URL in plain text beside encrypted ones, and a URL for no provider, without showing either", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "render-"));
    const plain = "https://outlook.webhook.office.com/webhookb2/s3cr3t";
    const urls = { deployments: { secure: "v1:AAAA" }, "on-call": plain, pager: { secure: "v1:BBBB" } };
    const stack = { config: { ...referenceStackConfig("production"), [ALERT_WEBHOOKS_KEY]: urls } };
    writeFileSync(path.join(dir, "Pulumi.prod.yaml"), JSON.stringify(stack));
    assert.throws(
      () => readStackFile("prod", dir),
      (error: unknown) => {
        assert.ok(error instanceof StackConfigError);
        assert.deepEqual(error.problems, [
          "mesh-platform:alertWebhookUrls.on-call: is in plain text beside encrypted webhook URLs; set it with `pulumi config set --secret --path 'alertWebhookUrls.on-call' <url>`",
          "mesh-platform:alertWebhookUrls.pager: names no provider under flagger.alertProviders",
        ]);
        assert.ok(!error.message.includes("s3cr3t"));
        return true;
      },
    );
  });

  it("writes the files with the command, and rejects bad config with the program's message and a non-zero exit", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "rendered-")), "production");
    const ok = run("render", ["--stack", "production", "--out", out]);
    assert.equal(ok.status, 0, ok.stderr);
    const written = readdirSync(out);
    assert.ok(
      written.includes(CHARTS_FILE) && written.some((name) => /^\d{3}-canary-production-user-service\.yaml$/.test(name)),
      written.join(","),
    );

    const dir = mkdtempSync(path.join(tmpdir(), "bad-stack-"));
    const values = {
      ...minimalStackValues(),
      services: [{ name: "a", namespace: "apps", port: 80, delivery: "static", split: { stable: 110, canary: -10 } }],
    };
    writeFileSync(path.join(dir, "Pulumi.bad.yaml"), JSON.stringify({ config: withProjectPrefix(values) }));
    const bad = run("render", ["--stack", "bad"], dir);
    assert.equal(bad.status, 2);
    assert.match(
      bad.stderr,
      /mesh-platform:services\[0\]\.split\.canary \(service a, Pulumi\.bad\.yaml:1\): Too small: expected number to be >=0 \(got -10\)/,
    );
    assert.doesNotMatch(bad.stderr, /at \w+ \(/, "no stack trace");
    assert.equal(run("render", ["--stack", "nope"]).stderr.trim(), `no stack file Pulumi.nope.yaml in ${REFERENCE_STACKS}`);
  });
});

describe("check", () => {
  it("finds nothing in the reference production render", async () => {
    const files = renderStack(readStackFile("production", REFERENCE_STACKS));
    const objects = files.filter((f) => f.name !== CHARTS_FILE).flatMap((f) => parseManifests(f.name, f.content).objects);
    const program = await runReferenceProduction();
    const identity = (o: any) => `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`;
    // The render holds every object the program registers outside the charts, and nothing is found in it.
    assert.deepEqual(
      objects.map((o) => identity(o.object)).sort(),
      program.resources
        .filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/"))
        .map((r) => identity(r.inputs))
        .sort(),
    );
    assert.deepEqual(evaluateObjects(objects.map((o) => o.object)), []);
  });

  it("finds exactly the planted mistakes in the fixture manifests, each with file, line, object, rule and level", () => {
    const result = checkResult([path.join(FIXTURES, "broken")]);
    const rows = JSON.parse(jsonReport(result)).violations.map(
      (v: any) => `${path.basename(v.file)}:${v.line}  ${v.object}  ${v.rule}  ${v.level}  ${v.message}`,
    );
    assert.deepEqual(rows, [
      "canary.yaml:2  Namespace web  default-deny  mandatory  is in the mesh without a default-deny AuthorizationPolicy (allow-nothing): any workload may call the workloads in it",
      "canary.yaml:9  Canary web/frontend  canary-alerts  advisory  analysis.alerts is empty: nobody hears about a rollback",
      "canary.yaml:9  Canary web/frontend  canary-limits  mandatory  analysis.interval 10s is shorter than 30s: too few requests per check to judge the canary",
      "canary.yaml:9  Canary web/frontend  canary-limits  mandatory  analysis.maxWeight 80 exceeds 50: a failing canary could take that share of traffic",
      "canary.yaml:9  Canary web/frontend  canary-limits  mandatory  analysis.metrics has no request-duration (P99 latency) check",
      "canary.yaml:9  Canary web/frontend  canary-safety  mandatory  revertOnDeletion is not true: deleting the Canary would leave the Deployment scaled to zero",
      "canary.yaml:9  Canary web/frontend  canary-webhooks  advisory  analysis.webhooks has no pre-rollout (smoke test) webhook",
      "canary.yaml:9  Canary web/frontend  canary-webhooks  advisory  analysis.webhooks has no rollout (load test) webhook",
      "routing.yaml:2  DestinationRule web/orders  circuit-breaker  mandatory  trafficPolicy.connectionPool sets none of tcp.maxConnections, http.http1MaxPendingRequests, http.http2MaxRequests: the pool is unbounded",
      "routing.yaml:2  DestinationRule web/orders  circuit-breaker  mandatory  trafficPolicy.outlierDetection is missing: failing endpoints are never ejected",
      "routing.yaml:2  DestinationRule web/orders  destination-rule-tls  mandatory  trafficPolicy.tls.mode is DISABLE: traffic to this host would be plain text",
      "routing.yaml:15  VirtualService web/orders  no-unreachable-routes  mandatory  http[1] comes after the catch-all route http[0] and can never match (IST0130)",
      "routing.yaml:15  VirtualService web/orders  route-subsets-defined  mandatory  http[0].route[1] sends to subset canary of orders.web.svc.cluster.local, which no DestinationRule defines (IST0101)",
      "routing.yaml:15  VirtualService web/orders  route-subsets-defined  mandatory  http[1].route[0] sends to subset canary of orders.web.svc.cluster.local, which no DestinationRule defines (IST0101)",
      "routing.yaml:15  VirtualService web/orders  single-virtual-service-per-host  mandatory  routes host orders.web.svc.cluster.local on the mesh gateway together with VirtualService web/orders, VirtualService web/orders-copy (IST0109)",
      "routing.yaml:15  VirtualService web/orders  static-split  mandatory  http[0] weights total 90, not 100",
      'routing.yaml:32  VirtualService web/orders-copy  no-wildcard-hosts  mandatory  host "*.example.com" is a wildcard',
      "routing.yaml:32  VirtualService web/orders-copy  single-virtual-service-per-host  mandatory  routes host orders.web.svc.cluster.local on the mesh gateway together with VirtualService web/orders, VirtualService web/orders-copy (IST0109)",
      "routing.yaml:43  VirtualService web/frontend-routes  no-routing-on-canaried-hosts  mandatory  conflicts with Canary web/frontend: Flagger generates and owns this service's VirtualService",
      "routing.yaml:54  PeerAuthentication web/default  strict-mtls  mandatory  mtls mode PERMISSIVE applies to the whole namespace; it must be STRICT",
      "unlabelled.yaml:2  Namespace legacy  namespace-injection  mandatory  does not say whether its pods join the mesh (IST0102): label it istio-injection=enabled or istio.io/rev=<tag>, or istio-injection=disabled to keep it out",
    ]);
    assert.equal(exitCodeOf(result), 1);
  });

  it("reports unparseable YAML with its file and line, and keeps checking the rest", () => {
    const result = checkResult([path.join(FIXTURES, "unparseable.yaml")]);
    assert.deepEqual(
      result.objects.map((o) => `${o.line} ${o.object.kind} ${o.object.metadata.name}`),
      ["1 Namespace ok"],
    );
    assert.deepEqual(
      result.errors.map((e) => [path.basename(e.file), e.line]),
      [["unparseable.yaml", 6]],
    );
    assert.equal(exitCodeOf(result), 2);
  });

  it("exits 1 with a JSON report on mandatory violations, 0 on a clean stack, 2 on a bad policy config", () => {
    const broken = run("check", [path.join(FIXTURES, "broken"), "--format", "json"]);
    assert.equal(broken.status, 1);
    assert.deepEqual(JSON.parse(broken.stdout).summary, { objects: 10, charts: 0, workloads: 0, mandatory: 18, advisory: 3, errors: 0 });
    const clean = run("check", ["--stack", "production", "--policy-config", PRODUCTION_POLICY_CONFIG]);
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout, /40 objects and 7 charts checked: 0 mandatory, 0 advisory violations/);
    const dir = mkdtempSync(path.join(tmpdir(), "policy-"));
    writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ "canary-limit": "mandatory" }));
    const badConfig = run("check", ["--stack", "production", "--policy-config", path.join(dir, "bad.json")]);
    assert.equal(badConfig.status, 2);
    assert.match(badConfig.stderr, /canary-limit: no such rule/);
  });

  it("judges a stack's charts too, with the same rules and thresholds as a preview", () => {
    const charts = chartReleases(readStackFile("production", REFERENCE_STACKS)).map(chartOfRelease);
    assert.deepEqual(evaluateCharts(charts), []);
    assert.deepEqual(
      evaluateCharts(charts, { "istio-minimum-version": { minimumVersion: "1.31" } }).map((v) => `${v.level} ${v.subject}: ${v.message}`),
      [
        "advisory Helm chart istiod 1.30.5 (release istiod-1-30-5): Istio 1.30.5 is below the supported minimum 1.31: upgrade it (docs/upgrading-istio.md)",
        "advisory Helm chart gateway 1.30.5 (release istio-ingressgateway): Istio 1.30.5 is below the supported minimum 1.31: upgrade it (docs/upgrading-istio.md)",
      ],
    );
    const strict = run("check", [
      "--stack",
      "production",
      "--policy-config",
      writeJson({ all: "mandatory", "istio-minimum-version": { minimumVersion: "1.31" } }),
    ]);
    assert.equal(strict.status, 1);
    // Findings point at the stack key a user would change.
    assert.ok(
      strict.stdout.includes(
        "Pulumi.production.yaml (mesh-platform:istio.revisions[0])  Helm chart istiod 1.30.5 (release istiod-1-30-5)  istio-minimum-version  mandatory",
      ),
      strict.stdout,
    );
  });

  it("applies thresholds and levels from a policy config", () => {
    const { objects } = loadManifests([path.join(FIXTURES, "broken", "canary.yaml")]);
    const relaxed = evaluateObjects(
      objects.map((o) => o.object),
      { "canary-limits": { maxWeight: 80, minIntervalSeconds: 10 }, "canary-webhooks": "disabled" },
    );
    assert.deepEqual(
      relaxed.map((v) => `${v.level} ${v.rule}: ${v.message}`),
      [
        "mandatory canary-limits: analysis.metrics has no request-duration (P99 latency) check",
        "advisory canary-alerts: analysis.alerts is empty: nobody hears about a rollback",
        "mandatory canary-safety: revertOnDeletion is not true: deleting the Canary would leave the Deployment scaled to zero",
        "mandatory default-deny: is in the mesh without a default-deny AuthorizationPolicy (allow-nothing): any workload may call the workloads in it",
      ],
    );
  });
});

describe("plan", () => {
  const planOf = (canary: Record<string, unknown>) => {
    const values = everythingValues();
    const service = { name: "web", namespace: "shop", port: 80, delivery: "progressive", canary: { alerts: false, ...canary } };
    return stackRollouts(parseStackConfig({ ...values, services: [service] }))[0].plan;
  };

  it("matches the hand-computed production schedule: 6 minutes to promote, 5 to roll back, 50 % at most", () => {
    const [rollout] = stackRollouts(readStackFile("production", REFERENCE_STACKS));
    assert.deepEqual(
      schedule(rollout.plan).map((s) => [s.atSeconds, s.weight]),
      [
        [0, 0],
        [60, 10],
        [120, 20],
        [180, 30],
        [240, 40],
        [300, 50],
        [360, 100],
      ],
    );
    assert.equal(rollout.plan.promotionSeconds, 360);
    assert.equal(rollout.plan.rollbackSeconds, 300);
    assert.equal(rollout.plan.maxFailingShare, 50);
  });

  it("caps an uneven last step at maxWeight", () => {
    const plan = planOf({ interval: "30s", threshold: 3, maxWeight: 50, stepWeight: 15 });
    assert.deepEqual(plan.weights, [15, 30, 45, 50]);
    assert.equal(plan.promotionSeconds, 150); // (4 + 1) x 30 s
    assert.equal(plan.rollbackSeconds, 90); // 3 x 30 s
  });

  it("follows stepWeights, and header tests send no weighted traffic", () => {
    const steps = planOf({ interval: "2m", threshold: 2, maxWeight: 40, stepWeights: [1, 5, 20, 40] });
    assert.deepEqual([steps.weights, steps.promotionSeconds, steps.rollbackSeconds, steps.maxFailingShare], [[1, 5, 20, 40], 600, 240, 40]);
    const ab = planOf({ interval: "1m", threshold: 5, strategy: "abTest", iterations: 10, match: { header: {} } });
    assert.deepEqual(
      [ab.strategy, ab.promotionSeconds, ab.rollbackSeconds, ab.maxFailingShare, ab.exposedTraffic],
      ["abTest", 660, 300, 100, "matched requests"],
    );
  });

  it("prints a terminal table and a Markdown summary with a chart", () => {
    const rollouts = stackRollouts(readStackFile("production", REFERENCE_STACKS));
    assert.match(textReport(rollouts), /production\/user-service {2}5 steps of 1m {2}6m {14}5m {15}50%/);
    assert.equal(
      markdownReport("production", rollouts),
      [
        "### Rollout plan: production",
        "",
        "| service | rollout | promoted after | rollback within | max failing share |",
        "|---|---|---|---|---|",
        "| production/user-service | 5 steps of 1m | 6m | 5m | 50% |",
        "",
        "What each analysis judges:",
        "",
        "- `production/user-service`: users' requests, by weight (up to 50%); plus the load test (http://user-service-canary.production:3000/)",
        "",
        "```mermaid",
        "xychart-beta",
        '    title "production/user-service (weighted): share of users the canary answers while healthy"',
        '    x-axis "minutes" ["0", "1", "2", "3", "4", "5", "6"]',
        '    y-axis "%" 0 --> 100',
        "    line [0, 10, 20, 30, 40, 50, 100]",
        "```",
      ].join("\n"),
    );
    assert.equal(textReport(stackRollouts(minimalConfig())), "no progressive services in this stack");
  });

  it("runs as a command", () => {
    const result = run("plan", ["--stack", "staging", "--format", "markdown"]);
    assert.equal(result.status, 0, result.stderr);
    const rows = result.stdout.split("\n").filter((line) => line.startsWith("| staging/"));
    assert.deepEqual(rows, [
      "| staging/user-service | 2 steps of 30s | 1m30s | 1m30s | 50% |",
      "| staging/catalog | blue/green, 5 x 30s | 3m | 1m30s | none (test traffic) |",
      "| staging/recommendations | A/B, 10 x 30s | 5m30s | 1m30s | matched requests only |",
      "| staging/search | mirroring, 5 x 30s | 3m | 1m30s | none (mirrored copies) |",
      "| staging/cart | 2 steps of 30s, sticky | 1m30s | 1m30s | 50% |",
    ]);
    assert.equal(result.stdout.split("```mermaid\nxychart-beta").length - 1, 5, "a chart per rollout");
  });
});

describe("stack files for the offline tools", () => {
  it("reports a missing stack file or a bad stack name as a plain message", () => {
    assert.throws(() => readStackFile("../x", PROJECT_ROOT), /"..\/x" is not a stack name/);
    assert.throws(() => readStackFile("staging", path.join(PROJECT_ROOT, "tests")), /no stack file Pulumi.staging.yaml/);
    assert.throws(() => parseStackConfig({}), StackConfigError);
  });

  it("parses multi-document files and List objects, skipping anything else", () => {
    const text =
      "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: { name: a }\n---\nhello: world\n---\n- 1\n";
    const { objects, errors } = parseManifests("x.yaml", text);
    assert.deepEqual(
      objects.map((o) => o.object.metadata.name),
      ["a"],
    );
    assert.deepEqual(errors, []);
    assert.equal(parseAllDocuments(text).length, 3, "three documents, one of them a List");
  });
});
