// npm run check -- (--stack <name> [--workloads <file, dir or ->]... | <file, dir or ->...) [--crds <file, dir or ->]... [--policy-config <json>] [--format text|json]
import { existsSync } from "node:fs";
import * as path from "node:path";
import { RULES } from "../../../policies/rules";
import type { PackConfig } from "../../../policies/packConfig";
import { loadStackFile, stackFilePath, webhookPlaceholder } from "../../config/stackFile";
import { runCheck, type CheckSubject } from "../check";
import { exitCodeOf, jsonReport, textReport } from "../checkReport";
import { parsePackConfig } from "../packConfigFile";
import { secretWarnings } from "../stackWarnings";
import { readUserFile, runAsProcess, UsageError, usage, type Command } from "./command";

/** Where a stack's own policy config lives, which `check --stack` uses unless told otherwise. */
export const stackPolicyConfigPath = (stack: string) => path.join("policies", "config", `${stack}.json`);

export const checkCommand: Command = {
  name: "check",
  synopsis:
    "(--stack <name> [--workloads <file, dir or ->]... | <file, dir or ->...) [--crds <file, dir or ->]... [--policy-config <json>] [--format text|json]",
  summary:
    "Runs every rule of the policy pack over a stack's objects and charts, or over any Kubernetes YAML, without a cluster; " +
    "with --workloads, judges the application teams' manifests against the stack's services; with --crds, validates each " +
    "custom resource against its CRD as the API server would.",
  options: {
    stack: { type: "string" },
    workloads: { type: "string", multiple: true },
    crds: { type: "string", multiple: true },
    "policy-config": { type: "string" },
    format: { type: "string", default: "text" },
  },
  allowPositionals: true,
  details: [
    "  --stack <name>          check Pulumi.<name>.yaml: its objects, its charts, the services nothing may call",
    "  <file, dir or ->...     or check these manifests (multi-document YAML, Lists, directories, - for standard input)",
    "  --workloads <input>     with --stack: the teams' manifests (plain YAML, helm template, kubectl get -o yaml)",
    "  --crds <input>          CRDs to validate custom resources against (see npm run crd-charts)",
    "  --policy-config <json>  thresholds and levels as `pulumi preview --policy-pack-config` takes them;",
    "                          with --stack, policies/config/<name>.json when it exists",
    "  --format <format>       text (default: file:line (key)  object  rule  level  message) or json",
    "",
    "Exit codes: 0 no mandatory finding; 1 a mandatory finding; 2 unreadable input, a bad policy config or nothing to check.",
  ],
  run({ values, positionals }, io) {
    if (values.format !== "text" && values.format !== "json") {
      throw new UsageError(`--format must be text or json\n${usage(checkCommand)}`);
    }
    const stack = values.stack as string | undefined;
    if (Boolean(stack) === positionals.length > 0) {
      throw new UsageError(usage(checkCommand));
    }
    if (values.workloads && !stack) {
      throw new UsageError(`--workloads judges manifests against a stack: give --stack too\n${usage(checkCommand)}`);
    }
    const given = values["policy-config"] as string | undefined;
    const found = stack && existsSync(path.join(io.cwd, stackPolicyConfigPath(stack))) ? stackPolicyConfigPath(stack) : undefined;
    const configFile = given ?? found;
    const packConfig: PackConfig = configFile ? parsePackConfig(configFile, readUserFile(configFile, io), RULES) : {};
    let subject: CheckSubject;
    if (stack) {
      const loaded = loadStackFile(stack, io.cwd);
      subject = {
        kind: "stack",
        config: loaded.config,
        file: path.relative(io.cwd, stackFilePath(stack, io.cwd)),
        webhookUrlOf: webhookPlaceholder,
        notes: secretWarnings(stack, loaded),
      };
    } else {
      subject = { kind: "manifests", inputs: positionals };
    }
    const result = runCheck({
      subject,
      packConfig,
      policyConfig: configFile ?? "none (every rule at its default level and thresholds)",
      crds: values.crds as string[] | undefined,
      workloads: values.workloads as string[] | undefined,
      readStdin: io.readStdin,
      cwd: io.cwd,
    });
    io.out(values.format === "json" ? jsonReport(result) : textReport(result));
    return exitCodeOf(result);
  },
};

if (require.main === module) {
  runAsProcess(checkCommand);
}
