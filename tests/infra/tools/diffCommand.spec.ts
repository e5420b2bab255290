import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runTool } from "../../helpers/commands";
import { REFERENCE_STACKS } from "../../helpers/stackFiles";

const REFERENCE = readFileSync(path.join(REFERENCE_STACKS, "Pulumi.production.yaml"), "utf8");

/** A git repository holding the reference production stack in one commit. */
function repository(): { dir: string; commit: (message: string) => void; write: (text: string, file?: string) => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "diff-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=spec", "-c", "user.email=spec@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: dir,
      stdio: "pipe",
    });
  const write = (text: string, file = "Pulumi.production.yaml") => writeFileSync(path.join(dir, file), text);
  git("init", "-q");
  write(REFERENCE);
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-q", "-m", message);
  };
  commit("production");
  return { dir, commit, write };
}

/** The reference stack with one text replaced, failing if the text is not there. */
function edited(text: string, ...replacements: [string, string][]): string {
  return replacements.reduce((result, [from, to]) => {
    assert.ok(result.includes(from), from);
    return result.replace(from, to);
  }, text);
}

/** The change of the issue: a lower maxWeight, a new call, an external API dropped, an exposure moved, the stable tag moved. */
const CHANGED = edited(
  REFERENCE,
  ["        maxWeight: 50\n", "        maxWeight: 30\n"],
  ["      calls:\n        apis: [payment-provider]\n", "      calls:\n        services: [user-service]\n"],
  ["        pathPrefix: /api/payments\n", "        pathPrefix: /api/v2/payments\n"],
  ["        tags: [stable]\n", "        tags: []\n"],
  ["        tags: [canary]\n", "        tags: [stable, canary]\n"],
);

describe("npm run diff", () => {
  it("describes a change to production point by point, with the namespaces to restart", () => {
    const repo = repository();
    repo.write(CHANGED);
    const run = runTool("diff", ["--stack", "production", "--base", "HEAD"], repo.dir);
    assert.equal(run.stderr, "");
    assert.equal(run.status, 0);
    const lines = run.stdout.split("\n");
    assert.match(lines[0], /^production: Pulumi\.production\.yaml at HEAD \([0-9a-f]{7}\) -> working tree$/);
    assert.equal(
      lines[1],
      "summary: 1 service changed; 2 paths opened; 2 paths closed; 1 tag moved; 2 proxy groups to restart; 1 chart version changed",
    );
    for (const expected of [
      "  - changed production/user-service",
      "      rollout: promoted after 6m -> 4m, rollback within 5m (unchanged), max failing share 50% -> 30%",
      "      canary.maxWeight: 50 -> 30",
      "  - opened: call production/payment-service -> production/user-service",
      "  - closed: egress production/payment-service -> payment-provider (api.stripe.com)",
      "  - exposure of production/payment-service moved: api.ecommerce.com/api/payments (gateway public) -> api.ecommerce.com/api/v2/payments (gateway public)",
      "  - tag stable moved: 1-30-5 -> 1-31-1",
      "  - namespace production moves from istiod 1-30-5 to 1-31-1: restart its pods after pulumi up",
      "  - ingress gateway istio-ingress moves from istiod 1-30-5 to 1-31-1: restart its pods after pulumi up",
      "    kubectl rollout restart deployment -n production",
    ]) {
      assert.ok(lines.includes(expected), `${expected}\nin\n${run.stdout}`);
    }
    const markdown = runTool("diff", ["--stack", "production", "--base", "HEAD", "--format", "markdown"], repo.dir);
    assert.match(markdown.stdout, /^### Mesh diff: production$/m);
    assert.match(markdown.stdout, /```mermaid\ngraph LR\n[\s\S]*==>\|"added"\|[\s\S]*-\.->\|"removed"\|[\s\S]*```/);
    const json = JSON.parse(runTool("diff", ["--stack", "production", "--base", "HEAD", "--format", "json"], repo.dir).stdout);
    assert.equal(json.changed, true);
    assert.deepEqual(json.diff.controlPlane.tagsMoved, [{ tag: "stable", before: "1-30-5", after: "1-31-1" }]);
  });

  it("says in one line that nothing changed, even when only comments did", () => {
    const repo = repository();
    repo.write(`${REFERENCE}# a comment\n`);
    const run = runTool("diff", ["--stack", "production", "--base", "HEAD"], repo.dir);
    assert.equal(run.status, 0);
    assert.match(
      run.stdout,
      /^production: no change to the mesh between Pulumi\.production\.yaml at HEAD \([0-9a-f]{7}\) and the working tree\n$/,
    );
  });

  it("compares with an older commit by any git revision", () => {
    const repo = repository();
    repo.write(CHANGED);
    repo.commit("change");
    const run = runTool("diff", ["--stack", "production", "--base", "HEAD~1", "--format", "json"], repo.dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).ref, "HEAD~1");
    assert.equal(JSON.parse(run.stdout).changed, true);
  });

  it("says, in one message, when the base has no such stack or either side is invalid", () => {
    const repo = repository();
    repo.write(REFERENCE, "Pulumi.qa.yaml");
    assert.deepEqual(runTool("diff", ["--stack", "qa", "--base", "HEAD"], repo.dir), {
      status: 2,
      stdout: "",
      stderr:
        "Pulumi.qa.yaml does not exist at HEAD: a new stack has nothing to compare with (npm run plan -- --stack qa shows all of it)\n",
    });
    repo.write(edited(REFERENCE, ["        maxWeight: 50\n", "        maxWeight: 300\n"]));
    const head = runTool("diff", ["--stack", "production", "--base", "HEAD"], repo.dir);
    assert.equal(head.status, 2);
    assert.equal(
      head.stderr,
      "Pulumi.production.yaml in the working tree is not a valid stack config, so there is nothing to compare:\n" +
        "  - mesh-platform:services[0].canary.maxWeight (service user-service, Pulumi.production.yaml:100): Too big: expected number to be <=100 (got 300)\n",
    );
    repo.commit("invalid");
    repo.write(REFERENCE);
    const base = runTool("diff", ["--stack", "production", "--base", "HEAD"], repo.dir);
    assert.equal(base.status, 2);
    assert.match(
      base.stderr,
      /^Pulumi\.production\.yaml at HEAD is not a valid stack config, so there is nothing to compare:\n {2}- .*maxWeight/,
    );
  });

  it("names a revision git does not know, and a directory outside any repository", () => {
    const repo = repository();
    assert.deepEqual(runTool("diff", ["--stack", "production", "--base", "no-such-branch"], repo.dir), {
      status: 2,
      stdout: "",
      stderr: "no-such-branch names no commit in this repository (fetch it first, or check the spelling)\n",
    });
    const outside = mkdtempSync(path.join(tmpdir(), "no-repository-"));
    writeFileSync(path.join(outside, "Pulumi.production.yaml"), REFERENCE);
    const run = runTool("diff", ["--stack", "production", "--base", "HEAD"], outside);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `${outside} is not in a git repository, so there is no base to compare with\n`);
  });
});
