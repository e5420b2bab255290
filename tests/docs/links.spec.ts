import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../helpers/stackFiles";

const PAGES = [
  "README.md",
  "CONTRIBUTING.md",
  path.join("policies", "README.md"),
  ...readdirSync(path.join(PROJECT_ROOT, "docs")).map((f) => path.join("docs", f)),
];

describe("the documentation's links", () => {
  for (const page of PAGES) {
    it(`${page} links only to files the project has`, () => {
      const text = readFileSync(path.join(PROJECT_ROOT, page), "utf8");
      const targets = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map(([, target]) => target).filter((t) => !/^[a-z]+:/.test(t));
      const broken = targets.filter((target) => !existsSync(path.join(PROJECT_ROOT, path.dirname(page), target)));
      assert.deepEqual(broken, []);
    });
  }
});
