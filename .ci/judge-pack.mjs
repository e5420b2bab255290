// Loads the policy pack the way the Pulumi CLI does and has it judge a sound and a broken case.
//
//   node .ci/judge-pack.mjs <pack directory>
//
// The directory must hold the pack alone, installed from its own lockfile (.ci/run copies
// policies/ to a temporary directory for this). Like the CLI, this starts
// `node <pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> <pack>` in the pack's
// directory, reads the port the analyzer prints, and calls it over gRPC as the engine does, with
// the pack's own gRPC and protobuf modules. Exits 1 when a verdict differs from the expected one.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";

const packDir = path.resolve(process.argv[2] ?? ".");
const requireFromPack = createRequire(path.join(packDir, "package.json"));
const grpc = requireFromPack("@grpc/grpc-js");
const { AnalyzerClient } = requireFromPack("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const analyzer = requireFromPack("@pulumi/pulumi/proto/analyzer_pb.js");
const { Struct } = requireFromPack("google-protobuf/google/protobuf/struct_pb.js");
const { Empty } = requireFromPack("google-protobuf/google/protobuf/empty_pb.js");

const destinationRule = (tls) => ({
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name: "orders", namespace: "shop" },
  spec: {
    host: "orders.shop.svc.cluster.local",
    trafficPolicy: {
      tls: { mode: tls },
      connectionPool: { http: { http1MaxPendingRequests: 100 } },
      outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
    },
  },
});
const istiodChart = (repo) => ({ chart: "istiod", version: "1.31.1", name: "istiod", repositoryOpts: { repo }, values: {} });

/** Each case: a resource as the engine sends it, and the policies that must report it (none for a sound one). */
const CASES = [
  {
    title: "a sound DestinationRule",
    type: "kubernetes:networking.istio.io/v1:DestinationRule",
    props: destinationRule("ISTIO_MUTUAL"),
    expected: [],
  },
  {
    title: "a DestinationRule that turns mTLS off",
    type: "kubernetes:networking.istio.io/v1:DestinationRule",
    props: destinationRule("DISABLE"),
    expected: ["destination-rule-tls"],
  },
  {
    title: "istiod from Istio's current chart repository",
    type: "kubernetes:helm.sh/v4:Chart",
    props: istiodChart("https://blob.istio.io/istio-release/charts"),
    expected: [],
  },
  {
    title: "istiod from the retired chart bucket",
    type: "kubernetes:helm.sh/v4:Chart",
    props: istiodChart("https://istio-release.storage.googleapis.com/charts"),
    expected: ["istio-retired-homes"],
  },
];

/** Starts the analyzer as the CLI's nodejs plugin host does and resolves with its gRPC port. */
function startAnalyzer() {
  const runner = requireFromPack.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  const child = spawn(process.execPath, [runner, "127.0.0.1:0", packDir], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`the pack printed no port within 120 s\n${stderr}`)), 120_000);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const port = /^(\d+)\s*$/m.exec(stdout);
      if (port) {
        clearTimeout(timer);
        resolve({ child, port: Number(port[1]) });
      }
    });
    child.on("exit", (code) => reject(new Error(`the pack exited with ${code} before serving\n${stderr}`)));
  });
}

const call = (client, method, request) =>
  new Promise((resolve, reject) => client[method](request, (error, response) => (error ? reject(error) : resolve(response))));

async function main() {
  const { child, port } = await startAnalyzer();
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  let failures = 0;
  try {
    const info = await call(client, "getAnalyzerInfo", new Empty());
    console.log(`pack ${info.getName()} loaded with ${info.getPoliciesList().length} policies`);
    for (const testCase of CASES) {
      const request = new analyzer.AnalyzeRequest()
        .setType(testCase.type)
        .setName(testCase.title)
        .setUrn(`urn:pulumi:ci::judge::${testCase.type}::case`)
        .setProperties(Struct.fromJavaScript(testCase.props))
        .setOptions(new analyzer.AnalyzerResourceOptions());
      const response = await call(client, "analyze", request);
      const reported = [...new Set(response.getDiagnosticsList().map((d) => d.getPolicyname()))].sort();
      const ok = JSON.stringify(reported) === JSON.stringify([...testCase.expected].sort());
      failures += ok ? 0 : 1;
      console.log(`${ok ? "ok  " : "FAIL"} ${testCase.title}: ${reported.join(", ") || "no violation"}`);
    }
  } finally {
    client.close();
    child.kill();
  }
  process.exitCode = failures > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
