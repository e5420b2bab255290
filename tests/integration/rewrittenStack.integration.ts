import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { withPageServices } from "../helpers/docsServices";
import { PROJECT_ROOT, stackNames } from "../helpers/stackFiles";

/** What a copy of the project leaves out: installed packages (linked instead) and what tools write. */
const NOT_COPIED = new Set(["node_modules", ".git", "rendered"]);

/**
 * A user's stack file is rewritten by tools, not by hand: `pulumi config set` and any YAML library
 * drop the comments and choose their own quoting and line breaks. npm test must not care, and a
 * stack with the services of docs/adding-a-service.md added must still pass it.
 */
describe("a copy of the project whose stack files a YAML library rewrote", function () {
  this.timeout(15 * 60 * 1000); // a hang guard for a whole npm test on a busy machine, not a speed target

  let copy: string;
  before(() => {
    copy = mkdtempSync(path.join(tmpdir(), "rewritten-stack-"));
    cpSync(PROJECT_ROOT, copy, { recursive: true, filter: (source) => !NOT_COPIED.has(path.basename(source)) });
    for (const modules of ["node_modules", path.join("policies", "node_modules")]) {
      if (existsSync(path.join(PROJECT_ROOT, modules))) {
        symlinkSync(path.join(PROJECT_ROOT, modules), path.join(copy, modules), "dir");
      }
    }
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it("with the two services of docs/adding-a-service.md added to every stack, passes npm test", () => {
    for (const stack of stackNames()) {
      const file = path.join(copy, `Pulumi.${stack}.yaml`);
      const document = parse(readFileSync(file, "utf8")) as { config: Record<string, unknown> };
      const { values, added } = withPageServices(document.config);
      assert.equal(added.length, 2, stack);
      const rewritten = stringify({ ...document, config: values });
      assert.ok(!rewritten.includes("#"), "the rewrite dropped the comments, as tools do");
      writeFileSync(file, rewritten);
    }
    const run = spawnSync("npm", ["test"], { cwd: copy, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  });
});
