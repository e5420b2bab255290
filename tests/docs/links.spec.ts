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

/** The project files a page links to, relative to the page. */
function localLinks(page: string): string[] {
  const text = readFileSync(path.join(PROJECT_ROOT, page), "utf8");
  return [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map(([, target]) => target).filter((t) => !/^[a-z]+:/.test(t));
}

describe("the documentation's links", () => {
  it("are found: the README links every page of docs/", () => {
    const linked = localLinks("README.md").map((target) => path.normalize(target));
    const pages = PAGES.filter((page) => page.startsWith(`docs${path.sep}`));
    assert.deepEqual(
      pages.filter((page) => !linked.includes(page)),
      [],
    );
  });

  for (const page of PAGES) {
    it(`${page} links only to files the project has`, () => {
      const targets = localLinks(page);
      const broken = targets.filter((target) => !existsSync(path.join(PROJECT_ROOT, path.dirname(page), target)));
      assert.deepEqual(broken, []);
    });
  }
});
