// ESLint flat config for `npm test`: typescript-eslint's recommended rules without type information,
// so linting takes seconds; `tsc --noEmit` (strict) is the type check. The type-aware rules run in
// CI only, where they pay: eslint.typed.config.mjs, on the Pulumi code.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export const base = tseslint.config(
  { ignores: ["node_modules/", "policies/node_modules/", "rendered/", "tests/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: { "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }] },
  },
  {
    // Tests read mock inputs whose shape is only known at run time.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
  // Plain scripts (.ci/judge-pack.mjs, tests/helpers/runLikePulumi.cjs) run on Node.
  { files: ["**/*.mjs"], languageOptions: { globals: globals.node } },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);

export default base;
