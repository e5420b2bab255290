import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CRD_RULE, runCheck } from "../../../infra/tools/check";
import { exitCodeOf, textReport } from "../../../infra/tools/checkReport";
import { CrdIndex } from "../../../infra/tools/crdIndex";
import { crdFindings } from "../../../infra/tools/crdValidation";
import { MAX_INPUT_BYTES } from "../../../infra/tools/inputFiles";
import { loadManifests } from "../../../infra/tools/manifests";
import { packConfigFileProblems } from "../../../infra/tools/packConfigFile";
import { RULES } from "../../../policies/rules";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { PROJECT_ROOT } from "../../helpers/stackFiles";

const WIDGET_CRD = path.join(PROJECT_ROOT, "tests", "fixtures", "crds", "widgets.yaml");
const NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n";

/** What a check read, as `file:line kind name`. */
const namesRead = (result: ReturnType<typeof runCheck>) =>
  result.objects.map((o) => `${path.basename(o.file)}:${o.line} ${o.object.kind} ${o.object.metadata.name}`);

/** A fresh directory with the given files (relative path → content). */
function directoryWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "check-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const check = (inputs: string[], crds?: string[]) => runCheck({ subject: { kind: "manifests", inputs }, packConfig: {}, crds });

describe("check never hangs, never crashes", () => {
  it("reads each file once, through a symlink loop or a second link", () => {
    const dir = directoryWith({ "ns.yaml": NAMESPACE });
    symlinkSync(dir, path.join(dir, "loop"));
    symlinkSync(path.join(dir, "ns.yaml"), path.join(dir, "again.yaml"));
    const result = check([dir, path.join(dir, "ns.yaml")]);
    assert.deepEqual(namesRead(result), ["again.yaml:1 Namespace shop"]);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.notes, [`${path.join(dir, "ns.yaml")}: already read (the same file as an earlier input), read once`]);
  });

  it("reports a symlink that loops on itself by name, and goes on", () => {
    const dir = directoryWith({ "ns.yaml": NAMESPACE });
    symlinkSync(path.join(dir, "self.yaml"), path.join(dir, "self.yaml"));
    const result = check([dir]);
    assert.deepEqual(namesRead(result), ["ns.yaml:1 Namespace shop"]);
    assert.deepEqual(result.errors, [{ file: path.join(dir, "self.yaml"), message: "is a symlink loop" }]);
  });

  it("skips a FIFO and a device with a note instead of reading them", () => {
    const dir = directoryWith({ "ns.yaml": NAMESPACE });
    assert.equal(spawnSync("mkfifo", [path.join(dir, "pipe.yaml")]).status, 0);
    const result = check([dir, "/dev/zero"]);
    assert.deepEqual(namesRead(result), ["ns.yaml:1 Namespace shop"]);
    assert.deepEqual(result.notes, [
      `${path.join(dir, "pipe.yaml")}: skipped, not a regular file (a FIFO, device or socket is never read)`,
      "/dev/zero: skipped, not a regular file (a FIFO, device or socket is never read)",
    ]);
  });

  it("refuses a file over the size cap, binary junk and an alias bomb, each by name, and checks the rest", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [name, previous] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
      ["f", "e"],
      ["g", "f"],
    ]) {
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const dir = directoryWith({ "ns.yaml": NAMESPACE, "bomb.yaml": bomb.join("\n"), "junk.yaml": "\u0000\u0001binary" });
    writeFileSync(path.join(dir, "huge.yaml"), "");
    truncateSync(path.join(dir, "huge.yaml"), MAX_INPUT_BYTES + 1);
    const result = check([dir]);
    assert.deepEqual(namesRead(result), ["ns.yaml:1 Namespace shop"]);
    assert.deepEqual(
      result.errors.map((e) => `${path.basename(e.file)}: ${e.message}`),
      [
        "bomb.yaml: cannot be read: Excessive alias count indicates a resource exhaustion attack",
        `huge.yaml: is ${MAX_INPUT_BYTES + 1} bytes, more than the ${MAX_INPUT_BYTES}-byte limit for one input`,
        "junk.yaml: is binary (it holds NUL bytes), not YAML",
      ],
    );
    assert.equal(exitCodeOf(result), 2);
  });

  it("refuses YAML nested too deeply to read and text that is not UTF-8, by name, and checks the rest", () => {
    const dir = directoryWith({ "ns.yaml": NAMESPACE, "deep.yaml": `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n` });
    writeFileSync(path.join(dir, "latin1.yaml"), Buffer.from("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf\xe9\n", "latin1"));
    const result = check([dir]);
    assert.deepEqual(namesRead(result), ["ns.yaml:1 Namespace shop"]);
    assert.deepEqual(
      result.errors.map((e) => `${path.basename(e.file)}: ${e.message}`),
      ["deep.yaml: it nests too deeply to read", "latin1.yaml: is not UTF-8 text, so it is not YAML the API server would read"],
    );
  });

  it("names the file and line of YAML that does not parse, and of a document that cannot be applied", () => {
    const dir = directoryWith({ "bad.yaml": "kind: [unclosed\n", "noname.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {}\n" });
    const result = check([dir]);
    assert.deepEqual(
      result.errors.map((e) => `${path.basename(e.file)}:${e.line}`),
      ["bad.yaml:2", "noname.yaml:1"],
    );
    assert.equal(result.errors[1].message, "a Namespace without metadata.name cannot be applied");
  });

  it("reads YAML as leniently as the API server: a quoted string continued at the key's indentation", () => {
    const lenient = [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: notes",
      "  annotations:",
      "    note: 'a quoted string that goes on",
      "    on the next line, as Flagger CRDs write descriptions'",
    ].join("\n");
    const { objects, errors } = loadManifests([directoryWith({ "lenient.yaml": lenient })]);
    assert.deepEqual(errors, []);
    assert.equal(
      objects[0].object.metadata.annotations?.note,
      "a quoted string that goes on on the next line, as Flagger CRDs write descriptions",
    );
  });

  it("reports the same object read twice as a duplicate input, not as a conflict between two objects", () => {
    const routes =
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n  namespace: shop\nspec:\n  hosts: [r]\n";
    const dir = directoryWith({ "a.yaml": NAMESPACE + "---\n" + routes, "b.yaml": routes });
    const result = check([dir]);
    assert.deepEqual(
      result.violations.filter((v) => v.rule === "single-virtual-service-per-host"),
      [],
    );
    assert.deepEqual(result.notes, [
      `${path.join(dir, "b.yaml")}:1: VirtualService shop/r is read twice (also ${path.join(dir, "a.yaml")}:8); checked once`,
    ]);
  });

  it("exits 2 when the inputs hold nothing to check", () => {
    const result = check([directoryWith({ "values.yaml": "replicas: 3\n" })]);
    assert.equal(exitCodeOf(result), 2);
    assert.match(textReport(result), /nothing to check: the inputs hold no Kubernetes objects/);
  });

  it("reads manifests from standard input", () => {
    const result = runCheck({ subject: { kind: "manifests", inputs: ["-"] }, packConfig: {}, readStdin: () => Buffer.from(NAMESPACE) });
    assert.deepEqual(
      result.objects.map((o) => [o.file, o.object.metadata.name]),
      [["<stdin>", "shop"]],
    );
  });

  it("validates a policy config with the schema the pack gives CrossGuard", () => {
    assert.deepEqual(packConfigFileProblems({ "canary-limits": { maxWeight: "fifty", minThreshold: 0 } }, RULES), [
      "canary-limits.maxWeight: must be number",
      "canary-limits.minThreshold: must be >= 1",
    ]);
    assert.deepEqual(packConfigFileProblems({ "istio-minimum-version": { minimumVersion: "one.thirty" } }, RULES), [
      'istio-minimum-version.minimumVersion: must match pattern "^(\\d+)\\.(\\d+)$"',
    ]);
    assert.deepEqual(packConfigFileProblems({ all: "mandatory", "canary-timing": { maxRollbackSeconds: 300 } }, RULES), []);
  });
});

describe("check --crds: objects against their CRDs, as the API server validates them", () => {
  const { index } = CrdIndex.fromObjects(loadManifests([WIDGET_CRD]).objects);
  const widget = (spec: Record<string, unknown>): K8sObject => ({
    apiVersion: "example.mesh-platform.dev/v1",
    kind: "Widget",
    metadata: { name: "w", namespace: "shop" },
    spec: { mode: "SAFE", ...spec },
  });
  const findings = (spec: Record<string, unknown>) => crdFindings(widget(spec), index.versionFor(widget(spec))!);

  it("accepts a valid object, leaves preserved fields alone and does not evaluate transition rules", () => {
    assert.deepEqual(
      findings({ name: "abc", port: 8080, timeout: "1s", target: "http", endpoint: "https://example.com", extra: { any: 1 } }),
      [],
    );
    assert.deepEqual(findings({ target: 80, endpoints: [{ name: "a" }, { name: "b" }] }), []);
  });

  it("reads patterns as the API server does, in Go's regexp syntax", () => {
    assert.deepEqual(findings({ level: "HIGH" }), []);
    assert.deepEqual(findings({ level: "medium" }), [{ path: "spec.level", message: 'must match pattern "^(?i)(low|high)$"' }]);
  });

  it("reports unknown fields, enums, required fields, patterns, formats and int-or-string with their paths", () => {
    assert.deepEqual(findings({ mode: "RISKY", nmae: "x", name: "ABC", port: 2 ** 31, target: true }), [
      { path: "spec.nmae", message: "unknown field: the CRD declares no such field" },
      { path: "spec.mode", message: 'Unsupported value: supported values: "FAST", "SAFE"' },
      { path: "spec.name", message: 'must match pattern "^[a-z]+$"' },
      { path: "spec.port", message: 'must match format "int32"' },
      { path: "spec.target", message: "must be an integer or a string" },
    ]);
    assert.deepEqual(crdFindings({ ...widget({}), spec: {} }, index.versionFor(widget({}))!), [
      { path: "spec.mode", message: "Required value" },
    ]);
  });

  it("evaluates the CRD's CEL rules and reports their own messages", () => {
    assert.deepEqual(findings({ port: 0, timeout: "0s", endpoint: "ftp://example.com" }), [
      { path: "spec.port", message: "port must be between 1 and 65535" },
      { path: "spec.timeout", message: "must be a valid duration greater than 1ms" },
      { path: "spec.endpoint", message: "endpoint must be an http or https URL" },
    ]);
    assert.deepEqual(findings({ endpoint: "https://a.example", endpoints: [] }), [
      { path: "spec", message: "set endpoint or endpoints, not both" },
    ]);
  });

  it("reports a rule the URL library cannot evaluate, and duplicate keys of a map-typed list", () => {
    assert.deepEqual(findings({ endpoint: "not a url" }), [
      {
        path: "spec.endpoint",
        message:
          "rule url(self).getScheme() in ['http', 'https'] could not be evaluated: URL parse error during conversion from string: not a url",
      },
    ]);
    assert.deepEqual(findings({ endpoints: [{ name: "a" }, { name: "a" }] }), [
      { path: "spec.endpoints", message: 'Duplicate value: ["a"]' },
    ]);
  });

  it("runs in check with file, line and the CRD's name, and notes kinds it has no CRD for", () => {
    const manifest = [
      NAMESPACE,
      "apiVersion: example.mesh-platform.dev/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: shop\nspec:\n  mode: SAFE\n  timeout: 0s\n",
      "apiVersion: example.mesh-platform.dev/v1\nkind: Gadget\nmetadata:\n  name: g\n  namespace: shop\n",
    ].join("---\n");
    const dir = directoryWith({ "widgets.yaml": manifest });
    const result = check([dir], [WIDGET_CRD]);
    assert.deepEqual(
      result.violations.filter((v) => v.rule === CRD_RULE).map((v) => `${v.subject}: ${v.message}`),
      ["Widget shop/w: spec.timeout: must be a valid duration greater than 1ms (widgets.example.mesh-platform.dev)"],
    );
    assert.deepEqual(result.notes, ["example.mesh-platform.dev/v1 Gadget: no CRD among the --crds inputs, so not schema-checked"]);
    assert.equal(exitCodeOf(result), 1);
  });

  it("reports a CRD whose schema cannot be used on each of its objects, and goes on", () => {
    const crd = directoryWith({
      "gadgets.yaml": [
        "apiVersion: apiextensions.k8s.io/v1",
        "kind: CustomResourceDefinition",
        "metadata: { name: gadgets.example.com }",
        "spec:",
        "  group: example.com",
        "  names: { kind: Gadget, plural: gadgets }",
        "  scope: Namespaced",
        "  versions:",
        "    - name: v1",
        "      served: true",
        "      storage: true",
        "      schema:",
        "        openAPIV3Schema:",
        "          type: object",
        '          properties: { spec: { type: object, properties: { name: { type: string, pattern: "[" } } } }',
      ].join("\n"),
    });
    const objects = directoryWith({
      "gadget.yaml": "apiVersion: example.com/v1\nkind: Gadget\nmetadata: { name: g, namespace: n }\nspec: { name: x }\n",
    });
    const result = check([objects], [crd, WIDGET_CRD]);
    assert.deepEqual(
      result.violations.map((v) => `${v.subject}: ${v.message}`),
      ["Gadget n/g: (object): the CRD's schema cannot be used: error parsing regexp: missing closing ]: `[` (gadgets.example.com)"],
    );
    assert.deepEqual(result.errors, []);
  });

  it("fails on CRD inputs that hold no CRD", () => {
    const result = check([directoryWith({ "ns.yaml": NAMESPACE })], [directoryWith({ "ns.yaml": NAMESPACE })]);
    assert.equal(exitCodeOf(result), 2);
    assert.match(result.errors[0].message, /holds no CustomResourceDefinition with a schema/);
  });
});
