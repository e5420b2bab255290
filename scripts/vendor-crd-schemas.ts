/**
 * Copies the OpenAPI schemas of the CRDs this program emits out of upstream CRD files into
 * tests/fixtures/crd-schemas, so the tests can validate every emitted object offline.
 *
 *   npx tsx scripts/vendor-crd-schemas.ts <istio crd-all.gen.yaml> <flagger crd.yaml>
 *
 * Run it again when a pinned Istio or Flagger version changes.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";

/** group/kind → the version whose schema we validate against (the one the builders emit). */
const WANTED: Record<string, string> = {
  "networking.istio.io/VirtualService": "v1",
  "networking.istio.io/DestinationRule": "v1",
  "security.istio.io/PeerAuthentication": "v1",
  "flagger.app/Canary": "v1beta1",
  "flagger.app/MetricTemplate": "v1beta1",
  "flagger.app/AlertProvider": "v1beta1",
};

interface Crd {
  kind: string;
  spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: unknown } }[] };
}

/** Upstream field descriptions are prose we neither need nor copy: only the structure is kept. */
function withoutDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(withoutDescriptions);
  }
  if (typeof node === "object" && node !== null) {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !(key === "description" && typeof value === "string"))
        .map(([key, value]) => [key, withoutDescriptions(value)]),
    );
  }
  return node;
}

const outDir = path.resolve(__dirname, "..", "tests", "fixtures", "crd-schemas");
mkdirSync(outDir, { recursive: true });
const found = new Set<string>();
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    const crd = document.toJS() as Crd | null;
    if (crd?.kind !== "CustomResourceDefinition") {
      continue;
    }
    const id = `${crd.spec.group}/${crd.spec.names.kind}`;
    const version = crd.spec.versions.find((v) => v.name === WANTED[id]);
    if (!version) {
      continue;
    }
    const target = path.join(outDir, `${crd.spec.group}_${version.name}_${crd.spec.names.kind}.json`);
    const schema = withoutDescriptions(version.schema.openAPIV3Schema);
    writeFileSync(target, JSON.stringify({ source: path.basename(file), schema }, null, 1) + "\n");
    found.add(id);
  }
}
const missing = Object.keys(WANTED).filter((id) => !found.has(id));
if (missing.length > 0) {
  console.error(`not found in the given files: ${missing.join(", ")}`);
  process.exit(1);
}
console.log(`wrote ${found.size} schemas to ${outDir}`);
