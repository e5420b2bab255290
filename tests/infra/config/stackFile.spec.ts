import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { StackConfigError } from "../../../infra/config/parse";
import { readStackFile } from "../../../infra/config/stackFile";

/** Writes `Pulumi.test.yaml` with this content into a fresh directory and reads it as the offline tools do. */
function problemsOfFile(content: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "stack-file-"));
  writeFileSync(path.join(dir, "Pulumi.test.yaml"), content);
  try {
    readStackFile("test", dir);
  } catch (error) {
    assert.ok(error instanceof StackConfigError, `expected a StackConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail("the stack file was accepted");
}

const MINIMAL = `config:
  mesh-platform:cluster: { kind: kubeconfig, context: test }
  mesh-platform:flagger: { metricsServer: "http://prom:9090" }
  mesh-platform:namespaces: [{ name: apps }]
`;

describe("stack files", () => {
  it("reports a YAML error with its line", () => {
    assert.deepEqual(problemsOfFile(`${MINIMAL}  mesh-platform:services: [\n`), [
      "Pulumi.test.yaml: Flow sequence in block collection must be sufficiently indented and end with a ] at line 6, column 1",
    ]);
  });

  it("reports a key written twice by name, with its line, at any depth", () => {
    assert.deepEqual(problemsOfFile(`${MINIMAL}  mesh-platform:namespaces: []\n`), [
      "Pulumi.test.yaml: mesh-platform:namespaces: is written twice in one mapping at line 5, column 3; YAML keeps one of them silently, so remove or merge the other",
    ]);
    assert.deepEqual(problemsOfFile(`${MINIMAL}  mesh-platform:istio:\n    namespace: istio-system\n    "namespace": mesh\n`), [
      "Pulumi.test.yaml: namespace: is written twice in one mapping at line 7, column 5; YAML keeps one of them silently, so remove or merge the other",
    ]);
  });

  it("reports a file or a config: that is not a mapping", () => {
    assert.deepEqual(problemsOfFile("- config\n"), ["Pulumi.test.yaml: must be a mapping with a config: key, as Pulumi writes it"]);
    assert.deepEqual(problemsOfFile("config: [a, b]\n"), ["Pulumi.test.yaml: config: must be a mapping of mesh-platform:<key> entries"]);
  });

  it("reports a top-level key Pulumi does not write, such as a misspelt config:", () => {
    assert.deepEqual(problemsOfFile(MINIMAL.replace("config:", "configs:")), [
      "Pulumi.test.yaml: configs: is not a stack file key (config, secretsprovider, encryptedkey, encryptionsalt, environment)",
    ]);
  });

  it("tells a project key written at the top level to move under config:", () => {
    const stray = `${MINIMAL}mesh-platform:services: []\nexternalApis: []\n`;
    assert.deepEqual(problemsOfFile(stray), [
      "Pulumi.test.yaml: mesh-platform:services: belongs under config: (indent it there, as mesh-platform:services)",
      "Pulumi.test.yaml: externalApis: belongs under config: (indent it there, as mesh-platform:externalApis)",
    ]);
  });

  it("reports an empty file as missing config, key by key", () => {
    assert.deepEqual(problemsOfFile(""), [
      "mesh-platform:cluster: is required",
      "mesh-platform:flagger: is required",
      "mesh-platform:namespaces: is required",
    ]);
  });

  it("reports a mistyped project prefix that would silently drop the services", () => {
    assert.deepEqual(problemsOfFile(`${MINIMAL}  mesh-plaform:services: []\n`), [
      "mesh-plaform:services: looks like a mistyped mesh-platform:services; every key of this project starts with mesh-platform:",
    ]);
  });

  it("reads only a regular UTF-8 file: a FIFO, a directory or Latin-1 text is refused by name, never read", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stack-file-"));
    assert.equal(spawnSync("mkfifo", [path.join(dir, "Pulumi.fifo.yaml")]).status, 0);
    mkdirSync(path.join(dir, "Pulumi.dir.yaml"));
    writeFileSync(path.join(dir, "Pulumi.latin.yaml"), Buffer.from("config:\n  mesh-platform:note: caf\xe9\n", "latin1"));
    assert.throws(() => readStackFile("fifo", dir), /^Error: Pulumi.fifo.yaml is not a regular file$/);
    assert.throws(() => readStackFile("dir", dir), /^Error: Pulumi.dir.yaml is not a regular file$/);
    assert.throws(() => readStackFile("latin", dir), /^Error: Pulumi.latin.yaml is not UTF-8 text$/);
  });

  it("reports YAML nested too deeply to read, or aliases that expand without bound, as a problem of the file", () => {
    assert.deepEqual(problemsOfFile(`config:\n  mesh-platform:services: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`), [
      "Pulumi.test.yaml: nests too deeply to read",
    ]);
    const aliases = ["x0: &x0 [a, a, a, a, a, a, a, a, a, a]"];
    for (let i = 1; i < 8; i++) {
      aliases.push(
        `x${i}: &x${i} [${Array(10)
          .fill(`*x${i - 1}`)
          .join(", ")}]`,
      );
    }
    const problems = problemsOfFile(`config:\n  mesh-platform:bomb:\n${aliases.map((line) => `    ${line}`).join("\n")}\n`);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^Pulumi.test.yaml: Excessive alias count/);
  });

  it("reads a stack whose Prometheus URL is encrypted in place, with a placeholder for it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stack-file-"));
    const content = MINIMAL.replace('{ metricsServer: "http://prom:9090" }', "{ metricsServer: { secure: v1:AAAA } }");
    writeFileSync(path.join(dir, "Pulumi.test.yaml"), content);
    assert.equal(readStackFile("test", dir).flagger.metricsServer, "https://secret.invalid/flagger.metricsServer");
  });
});
