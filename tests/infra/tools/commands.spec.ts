import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { crdCommand } from "../../../infra/tools/cli/crdCharts";
import { COMMANDS, runTool } from "../../helpers/commands";
import { PROJECT_ROOT, REFERENCE_STACKS } from "../../helpers/stackFiles";

/** A fresh project directory holding the reference production stack as Pulumi.<name>.yaml. */
function projectWith(name = "production", edit: (text: string) => string = (text) => text): string {
  const dir = mkdtempSync(path.join(tmpdir(), "commands-"));
  writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), edit(readFileSync(path.join(REFERENCE_STACKS, "Pulumi.production.yaml"), "utf8")));
  return dir;
}

describe("the offline tools' command line", () => {
  for (const name of Object.keys(COMMANDS)) {
    it(`${name} answers --help with its usage and options, exit 0`, () => {
      const help = runTool(name, ["--help"], REFERENCE_STACKS);
      assert.equal(help.status, 0);
      assert.ok(help.stdout.startsWith(`usage: npm run ${name} -- ${COMMANDS[name]!.synopsis}\n`), help.stdout);
      assert.match(help.stdout, /Exit codes: /);
      assert.equal(help.stderr, "");
    });
  }

  it("refuses an unknown option in one line with the usage, exit 2", () => {
    const run = runTool("render", ["--stack", "production", "--bogus"], REFERENCE_STACKS);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "Unknown option '--bogus'\nusage: npm run render -- --stack <name> [--out <dir>]\n");
  });

  it("check --stack uses policies/config/<stack>.json when there is one, and says which config it used", () => {
    const dir = projectWith();
    const without = runTool("check", ["--stack", "production"], dir);
    assert.match(without.stdout, /^policy config: none \(every rule at its default level and thresholds\)$/m);
    mkdirSync(path.join(dir, "policies", "config"), { recursive: true });
    // Thresholds no canary of the stack meets: the findings show the file was applied.
    writeFileSync(path.join(dir, "policies", "config", "production.json"), JSON.stringify({ "canary-limits": { maxWeight: 20 } }));
    const found = runTool("check", ["--stack", "production", "--format", "json"], dir);
    const report = JSON.parse(found.stdout);
    assert.equal(report.policyConfig, path.join("policies", "config", "production.json"));
    assert.equal(found.status, 1);
    assert.ok(report.violations.some((v: { rule: string }) => v.rule === "canary-limits"));
    const given = runTool(
      "check",
      ["--stack", "production", "--policy-config", path.join(PROJECT_ROOT, "policies", "config", "production.json")],
      dir,
    );
    assert.equal(given.status, 0, given.stdout);
  });

  it("names an unreadable path in one line, exit 2", () => {
    const run = runTool("check", ["--stack", "production", "--policy-config", "missing.json"], projectWith());
    assert.deepEqual([run.status, run.stderr, run.stdout], [2, "missing.json: no such file or directory\n", ""]);
  });

  it("crd-charts prints the helm command for each chart that ships CRDs, OCI charts by reference", () => {
    const run = runTool("crd-charts", ["--stack", "production"], REFERENCE_STACKS);
    assert.equal(run.status, 0);
    assert.deepEqual(run.stdout.trim().split("\n"), [
      "helm template istio-base base --repo https://blob.istio.io/istio-release/charts --version 1.31.1",
      "helm show crds flagger --repo https://flagger.app --version 1.44.0",
      "helm show crds kiali-operator --repo https://kiali.org/helm-charts --version 2.31.0",
    ]);
    const oci = {
      name: "istio-base",
      namespace: "istio-system",
      repository: "oci://ghcr.io/istio/release/charts",
      chart: "base",
      version: "1.31.1",
      crds: "templates" as const,
      values: {},
    };
    assert.equal(crdCommand(oci), "helm template istio-base oci://ghcr.io/istio/release/charts/base --version 1.31.1");
    assert.equal(crdCommand({ ...oci, crds: undefined }), undefined);
  });

  it("names the service or gateway of a bad key, with the stack file's line", () => {
    const dir = projectWith("bad", (text) =>
      text.replace("      port: 8080", "      port: 80800").replace("        - name: public", "        - name: Public"),
    );
    const lines = readFileSync(path.join(dir, "Pulumi.bad.yaml"), "utf8").split("\n");
    const lineOf = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    const run = runTool("render", ["--stack", "bad", "--out", path.join(dir, "out")], dir);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      [
        "Invalid stack configuration:",
        `  - mesh-platform:istio.ingressGateway.gateways[0].name (gateway Public, Pulumi.bad.yaml:${lineOf("- name: Public")}): must be a DNS label (lower case letters, digits and '-', at most 63 characters) (got "Public")`,
        `  - mesh-platform:services[1].port (service payment-service, Pulumi.bad.yaml:${lineOf("port: 80800")}): Too big: expected number to be <=65535 (got 80800)`,
        `  - mesh-platform:services[0].expose.gateway (service user-service, Pulumi.bad.yaml:${lineOf("gateway: public")}): is not a Gateway under istio.ingressGateway.gateways (got "public")`,
        `  - mesh-platform:services[1].expose.gateway (service payment-service, Pulumi.bad.yaml:${lineOf("gateway: public", lineOf("port: 80800"))}): is not a Gateway under istio.ingressGateway.gateways (got "public")`,
        "",
      ].join("\n"),
    );
    assert.throws(() => readFileSync(path.join(dir, "out", "charts.yaml")), /ENOENT/, "nothing written");
  });
});
