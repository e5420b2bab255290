// npm run crd-charts -- --stack <name>
// Prints, one per line and tab-separated, how to read the CRDs the stack's charts ship without a
// cluster: `template` or `show-crds` (the helm command), the repository, the chart and the pinned
// version. The preview workflow feeds what helm prints to `check --crds`.
import { parseArgs } from "node:util";
import { chartReleases } from "../../../components/builders/stack";
import { readStackFile } from "../../config/stackFile";
import { runCommand } from "./runCommand";

runCommand(() => {
  const { values } = parseArgs({ options: { stack: { type: "string" } } });
  if (!values.stack) {
    throw new Error("usage: npm run crd-charts -- --stack <name>");
  }
  for (const release of chartReleases(readStackFile(values.stack))) {
    if (release.crds) {
      const how = release.crds === "templates" ? "template" : "show-crds";
      console.log([how, release.repository, release.chart, release.version].join("\t"));
    }
  }
  return 0;
});
