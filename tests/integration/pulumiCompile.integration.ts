import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ALERT_WEBHOOKS_KEY, alertWebhookSecrets, asCliConfig, PROJECT_ROOT, referenceStackConfig } from "../helpers/stackFiles";

const RUNNER = path.join(PROJECT_ROOT, "tests", "helpers", "runLikePulumi.cjs");
const PROBE = path.join(PROJECT_ROOT, "tests", "fixtures", "compile", "es2022Probe.ts");

/**
 * Where the engine runs a Node.js program from, as it derives it from Pulumi.yaml: with
 * `main: <file>` the program directory is the file's directory and the entry point the file;
 * without `main`, the project directory and "." (the runtime then reads package.json "main").
 */
function programLaunch(): { programDirectory: string; entryPoint: string } {
  const project = parse(readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as { main?: string };
  if (!project.main) {
    return { programDirectory: PROJECT_ROOT, entryPoint: "." };
  }
  const main = path.join(PROJECT_ROOT, project.main);
  return path.extname(main)
    ? { programDirectory: path.dirname(main), entryPoint: path.basename(main) }
    : { programDirectory: main, entryPoint: "." };
}

/** Runs `entryPoint` under Pulumi's own runtime and its ts-node, against mocks, from `programDirectory`. */
function runLikePulumi(programDirectory: string, entryPoint: string, config: Record<string, string> = {}, secretKeys: string[] = []) {
  const args = [RUNNER, PROJECT_ROOT, programDirectory, entryPoint, JSON.stringify(config), JSON.stringify(secretKeys)];
  const result = spawnSync(process.execPath, args, {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the compile Pulumi does is the compile the tests check", function () {
  it("runs from the project directory, where tsconfig.json is, with package.json naming the entry point", () => {
    assert.deepEqual(programLaunch(), { programDirectory: PROJECT_ROOT, entryPoint: "." });
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { main: string };
    assert.equal(pkg.main, "infra/program/index.ts");
  });

  it("applies tsconfig.json: an ES2022 library call compiles under Pulumi's runtime, and would not without it", () => {
    const { programDirectory } = programLaunch();
    const withProject = runLikePulumi(programDirectory, path.relative(programDirectory, PROBE));
    assert.equal(withProject.status, 0, withProject.output);
    // The control: from a directory without a tsconfig.json the same file fails, so the probe detects the difference.
    const withoutProject = runLikePulumi(path.join(PROJECT_ROOT, "infra", "program"), PROBE);
    assert.notEqual(withoutProject.status, 0);
    assert.match(withoutProject.output, /TS2550: Property 'hasOwn' does not exist on type 'ObjectConstructor'/);
  });

  it("compiles, type-checks and runs the whole program with Pulumi's runtime and ts-node", () => {
    const { programDirectory, entryPoint } = programLaunch();
    const stack = referenceStackConfig("production");
    const config = asCliConfig({ ...stack, ...alertWebhookSecrets(stack) });
    const result = runLikePulumi(programDirectory, entryPoint, config, [ALERT_WEBHOOKS_KEY]);
    assert.equal(result.status, 0, result.output);
    const registered = Number(/registered (\d+) resources/.exec(result.output)?.[1]);
    assert.ok(registered > 25, result.output);
  });
});
