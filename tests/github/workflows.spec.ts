import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../helpers/stackFiles";

/** The action majors that run on Node 24; GitHub removed Node 20 from its runners on 2026-09-16. */
const ACTION_MAJORS: Record<string, string> = {
  "actions/checkout": "v7",
  "actions/setup-node": "v7",
  "actions/upload-artifact": "v7",
  "actions/download-artifact": "v8",
  "aws-actions/configure-aws-credentials": "v6",
  "pulumi/actions": "v7",
};

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Workflow {
  file: string;
  on: Record<string, unknown>;
  steps: Step[];
}

const WORKFLOW_DIR = path.join(PROJECT_ROOT, ".github", "workflows");

function workflows(): Workflow[] {
  return readdirSync(WORKFLOW_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => {
      const document = parse(readFileSync(path.join(WORKFLOW_DIR, file), "utf8")) as {
        on: Record<string, unknown>;
        jobs: Record<string, { steps: Step[] }>;
      };
      return { file, on: document.on, steps: Object.values(document.jobs).flatMap((job) => job.steps) };
    });
}

const stepsUsing = (action: string) =>
  workflows().flatMap((w) => w.steps.filter((s) => s.uses?.startsWith(`${action}@`)).map((step) => ({ file: w.file, step })));

describe("GitHub workflows", () => {
  it("use only the action majors that run on current runners", () => {
    const used = workflows().flatMap((w) => w.steps.filter((s) => s.uses).map((s) => `${w.file}: ${s.uses}`));
    assert.ok(used.length >= 10, `found only ${used.length} action steps`);
    for (const entry of used) {
      const [action, major] = entry.split(": ")[1].split("@");
      assert.equal(major, ACTION_MAJORS[action], entry);
    }
  });

  it("never run on pull_request_target, where a fork's code would run with this repository's credentials", () => {
    for (const workflow of workflows()) {
      assert.ok(!("pull_request_target" in workflow.on), workflow.file);
    }
  });

  it("set up a supported Node version", () => {
    const setups = stepsUsing("actions/setup-node");
    assert.equal(setups.length, 5);
    for (const { file, step } of setups) {
      assert.ok([22, 24].includes(step.with?.["node-version"] as number), `${file}: node-version ${String(step.with?.["node-version"])}`);
    }
  });

  it("read the AWS role, region and Pulumi organization from variables, and the Pulumi token from secrets", () => {
    const credentials = stepsUsing("aws-actions/configure-aws-credentials");
    assert.equal(credentials.length, 3);
    for (const { file, step } of credentials) {
      assert.match(String(step.with?.["role-to-assume"]), /^\$\{\{ vars\.AWS_(PREVIEW|DEPLOY)_ROLE_ARN \}\}$/, file);
      assert.equal(step.with?.["aws-region"], "${{ vars.AWS_REGION }}", file);
    }
    const pulumi = stepsUsing("pulumi/actions");
    assert.equal(pulumi.length, 3);
    for (const { file, step } of pulumi) {
      assert.match(String(step.with?.["stack-name"]), /^\$\{\{ vars\.PULUMI_ORG \}\}\//, file);
      assert.equal(step.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}", file);
    }
  });

  it("review every pull request offline, forks included, with no secret, and judge the teams' workloads when the repository holds them", () => {
    const preview = parse(readFileSync(path.join(WORKFLOW_DIR, "preview.yml"), "utf8")) as {
      permissions: Record<string, string>;
      jobs: Record<string, { if?: string; permissions?: Record<string, string>; steps: (Step & { run?: string })[] }>;
    };
    const review = preview.jobs.review;
    assert.equal(review.if, undefined, "the review job runs for forks too");
    assert.deepEqual(preview.permissions, { contents: "read" });
    assert.equal(review.permissions, undefined);
    assert.ok(!JSON.stringify(review).includes("secrets."), "the review job reads no secret");
    const script = review.steps.map((step) => step.run ?? "").join("\n");
    assert.match(
      script,
      /\[\[ -d "workloads\/\$\{\{ matrix\.stack \}\}" \]\] && workloads=\(--workloads "workloads\/\$\{\{ matrix\.stack \}\}"\)/,
    );
    assert.match(script, /npm run -s check -- --stack "\$\{\{ matrix\.stack \}\}" .* "\$\{workloads\[@\]\}"/s);
    assert.equal(preview.jobs.preview.if, "github.event.pull_request.head.repo.full_name == github.repository");
    assert.equal(preview.jobs.preview.permissions?.["id-token"], "write");
  });

  it("post each stack's mesh diff on its pull request, forks included, from a workflow that runs none of the pull request's code", () => {
    type Job = { if?: string; permissions?: Record<string, string>; strategy?: { matrix: { stack: string[] } }; steps: Step[] };
    const read = (file: string) =>
      parse(readFileSync(path.join(WORKFLOW_DIR, file), "utf8")) as { name: string; on: any; jobs: Record<string, Job> };
    const preview = read("preview.yml");
    const review = preview.jobs.review;
    const diff = review.steps.find((step) => step.run?.includes("npm run -s diff"))!;
    assert.match(diff.run!, /--base "\$BASE_SHA" --format markdown/);
    const upload = review.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!;
    assert.equal(upload.with?.name, "mesh-diff-${{ matrix.stack }}");
    assert.ok(
      review.steps.indexOf(upload) < review.steps.findIndex((step) => step.run?.includes("npm run -s check")),
      "uploaded before check can fail",
    );

    const comment = read("diff-comment.yml");
    assert.deepEqual(comment.on, { workflow_run: { workflows: [preview.name], types: ["completed"] } });
    const job = comment.jobs.comment;
    assert.deepEqual(job.strategy?.matrix.stack, review.strategy?.matrix.stack);
    assert.deepEqual(job.permissions, { actions: "read", "pull-requests": "write" });
    const download = job.steps.find((step) => step.uses?.startsWith("actions/download-artifact@"))!;
    assert.equal(download.with?.name, upload.with?.name);
    assert.ok(!job.steps.some((step) => step.uses?.startsWith("actions/checkout@")), "no checkout of the pull request");
    const script = job.steps.map((step) => step.run ?? "").join("\n");
    assert.ok(!/^\s*(npm|npx|node|bash|\.\/)/m.test(script), "no code of the pull request runs");
    assert.ok(!script.includes("${{"), "event data reaches the script through env only");
    assert.match(script, /marker="<!-- mesh-platform diff: \$STACK -->"/);
    assert.match(script, /gh api -X PATCH "repos\/\$REPO\/issues\/comments\/\$comment"/);
  });
});
