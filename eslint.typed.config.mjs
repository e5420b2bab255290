// The type-aware lint CI runs (`npm run lint:typed`): typescript-eslint's type-checked rules and
// Pulumi's rules against Outputs in template literals (they render as "Calling [toString] on an
// Output<T>..."), on the code that handles Pulumi Outputs and promises: the components and the
// program. Building the type information costs about as much as `tsc --noEmit` again, which is
// why `npm test` lints without it.
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";
import { base } from "./eslint.config.mjs";

const pulumiCode = ["components/**/*.ts", "infra/program/**/*.ts"];

export default tseslint.config(...base, ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: pulumiCode })), {
  files: pulumiCode,
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  plugins: { "@pulumi": pulumi },
  rules: {
    "@pulumi/no-output-in-template-literal": "error",
    "@pulumi/no-output-instance-in-template-literal": "error",
  },
});
