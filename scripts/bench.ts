/**
 * npm run bench: generated stacks of 10, 100 and 1,000 services; per size, the time of config
 * validation + render, of check over the rendered YAML (against parsing that YAML alone), and
 * of the whole program under Pulumi mocks (200 services). It reports; it asserts nothing.
 */
import { performance } from "node:perf_hooks";
import * as os from "node:os";
import * as pulumi from "@pulumi/pulumi";
import { parseAllDocuments } from "yaml";
import { parseStackConfig } from "../infra/config/parse";
import { deployMesh } from "../infra/program/program";
import { renderStack, CHARTS_FILE } from "../infra/tools/render";
import { parseManifests } from "../infra/tools/manifests";
import { evaluateObjects } from "../policies/evaluate";

function generatedStack(services: number): Record<string, unknown> {
  const namespaces = Array.from({ length: Math.max(1, Math.ceil(services / 50)) }, (_, i) => ({ name: `team-${i}` }));
  const outlierDetection = { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 };
  return {
    cluster: { kind: "kubeconfig", context: "bench" },
    flagger: { metricsServer: "http://prometheus.monitoring:9090" },
    namespaces,
    services: Array.from({ length: services }, (_, i) => {
      const base = { name: `svc-${i}`, namespace: namespaces[i % namespaces.length].name, port: 8080 };
      return i % 2 === 0
        ? {
            ...base,
            delivery: "progressive",
            trafficPolicy: { outlierDetection, connectionPool: { http: { http1MaxPendingRequests: 100 } } },
            canary: {
              interval: "1m",
              threshold: 5,
              maxWeight: 50,
              stepWeight: 10,
              alerts: false,
              loadTest: { command: `hey -z 1m http://svc-${i}-canary:8080/` },
            },
          }
        : {
            ...base,
            delivery: "static",
            split: { stable: 90, canary: 10 },
            trafficPolicy: { outlierDetection, connectionPool: { tcp: { maxConnections: 100 } } },
          };
    }),
  };
}

function timed<T>(body: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = body();
  return { ms: performance.now() - start, value };
}

/** Median of a few runs, so one GC pause does not decide the result. */
function median(runs: number, body: () => void): number {
  const times = Array.from({ length: runs }, () => timed(body).ms).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

async function mockedProgramMs(services: number): Promise<number> {
  const mocks: pulumi.runtime.Mocks = {
    newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs as Record<string, unknown> }),
    call: () => ({}),
  };
  await pulumi.runtime.setMocks(mocks, "mesh-platform", "bench", false);
  const config = parseStackConfig(generatedStack(services));
  const start = performance.now();
  await pulumi.runtime.runInPulumiStack(() => Promise.resolve(deployMesh(config, {})));
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return performance.now() - start;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  const rows: Record<number, { render: number; parse: number; check: number }> = {};
  for (const size of [10, 100, 1000]) {
    const raw = generatedStack(size);
    const render = median(5, () => renderStack(parseStackConfig(raw)));
    const yamlText = renderStack(parseStackConfig(raw))
      .filter((f) => f.name !== CHARTS_FILE)
      .map((f) => f.content)
      .join("---\n");
    const parse = median(5, () => parseAllDocuments(yamlText).map((d): unknown => d.toJS() as unknown));
    const check = median(5, () => evaluateObjects(parseManifests("bench.yaml", yamlText).objects.map((o) => o.object)));
    rows[size] = { render, parse, check };
    console.log(
      `${String(size).padStart(5)} services: validate+render ${render.toFixed(1)} ms, parse YAML ${parse.toFixed(1)} ms, check ${check.toFixed(1)} ms (${(check / parse).toFixed(2)}x parse)`,
    );
  }
  for (const stage of ["render", "check"] as const) {
    console.log(`growth 100 -> 1000 services, ${stage}: ${(rows[1000][stage] / rows[100][stage]).toFixed(1)}x (target <= 12x)`);
  }
  console.log(`check over 1000 services: ${(rows[1000].check / rows[1000].parse).toFixed(2)}x the YAML parse (target <= 2x)`);
  const program: Record<number, number> = {};
  for (const size of [10, 100, 200, 1000]) {
    program[size] = await mockedProgramMs(size);
    console.log(`${String(size).padStart(5)} services: whole program under mocks ${(program[size] / 1000).toFixed(2)} s`);
  }
  console.log(
    `growth 100 -> 1000 services, program: ${(program[1000] / program[100]).toFixed(1)}x (target <= 12x); 200 services ${(program[200] / 1000).toFixed(2)} s (target < 10 s)`,
  );
}

void main();
