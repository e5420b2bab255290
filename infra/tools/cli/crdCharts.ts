// npm run crd-charts -- --stack <name>: the helm commands that print the CRDs the stack's charts ship
import { chartReleases } from "../../../components/builders/stack";
import type { ChartRelease } from "../../../components/builders/chartRelease";
import { readStackFile } from "../../config/stackFile";
import { runAsProcess, UsageError, usage, type Command } from "./command";

/**
 * The helm command that prints a chart's CRDs without a cluster: `helm template` for a chart that
 * renders them as templates (Istio's base), `helm show crds` for one that keeps them in crds/.
 */
export function crdCommand(release: ChartRelease): string | undefined {
  if (!release.crds) {
    return undefined;
  }
  const oci = release.repository.startsWith("oci://");
  const chart = oci ? `${release.repository}/${release.chart}` : release.chart;
  const from = oci ? [] : ["--repo", release.repository];
  const verb = release.crds === "templates" ? ["template", release.name] : ["show", "crds"];
  return ["helm", ...verb, chart, ...from, "--version", release.version].join(" ");
}

export const crdChartsCommand: Command = {
  name: "crd-charts",
  synopsis: "--stack <name>",
  summary:
    "Prints, one per line, the helm commands that print the CRDs of the stack's pinned charts, for `check --crds` without a " +
    "cluster. Run each and separate their output with ---.",
  options: { stack: { type: "string" } },
  details: [
    "  --stack <name>  the stack file Pulumi.<name>.yaml in this directory",
    "",
    "For example: npm run -s crd-charts -- --stack production | while read -r c; do $c; echo ---; done > crds.yaml",
    "Exit codes: 0 printed; 2 bad arguments or bad config.",
  ],
  run({ values }, io) {
    const stack = values.stack as string | undefined;
    if (!stack) {
      throw new UsageError(usage(crdChartsCommand));
    }
    for (const command of chartReleases(readStackFile(stack, io.cwd)).map(crdCommand)) {
      if (command) {
        io.out(command);
      }
    }
    return 0;
  },
};

if (require.main === module) {
  runAsProcess(crdChartsCommand);
}
