/**
 * npm run bench: generated stacks of 10, 100 and 1,000 services; per size, the time of config
 * validation + render, of check over the rendered YAML (against parsing that YAML alone), of the
 * whole program under Pulumi mocks, and how many hosts a sidecar holds with and without the
 * derived Sidecar scoping. It reports; it asserts nothing.
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
import { stackObjects } from "../components/builders/stack";
import { hostsOf } from "../components/builders/workloads";
import type { StackConfig } from "../infra/config/schema";

/** Services per team namespace, and whom each calls: the next two in its team and one in the next team. */
const TEAM_SIZE = 20;

function calls(i: number, services: number): { services: string[]; apis: string[] } {
  const team = Math.floor(i / TEAM_SIZE);
  const inTeam = (offset: number) => team * TEAM_SIZE + (((i % TEAM_SIZE) + offset) % TEAM_SIZE);
  const neighbours = [inTeam(1), inTeam(2)].filter((j) => j < services && j !== i).map((j) => `svc-${j}`);
  const remote = (i + TEAM_SIZE) % services;
  const remoteRef = Math.floor(remote / TEAM_SIZE) !== team ? [`team-${Math.floor(remote / TEAM_SIZE)}/svc-${remote}`] : [];
  return { services: [...neighbours, ...remoteRef], apis: i % 10 === 0 ? ["payments"] : [] };
}

function generatedStack(services: number): Record<string, unknown> {
  const namespaces = Array.from({ length: Math.max(1, Math.ceil(services / TEAM_SIZE)) }, (_, i) => ({ name: `team-${i}` }));
  const outlierDetection = { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 };
  return {
    cluster: { kind: "kubeconfig", context: "bench" },
    flagger: { metricsServer: "http://prometheus.monitoring:9090" },
    namespaces,
    services: Array.from({ length: services }, (_, i) => {
      const base = { name: `svc-${i}`, namespace: namespaces[Math.floor(i / TEAM_SIZE)].name, port: 8080, calls: calls(i, services) };
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
    externalApis: [{ name: "payments", hosts: ["api.payments.example"], ports: [{ number: 443, protocol: "HTTPS" }] }],
  };
}

/**
 * Hosts a proxy holds: unscoped, every service of the mesh plus the platform's and the
 * ServiceEntries; scoped, what its Sidecar's egress hosts (`./*`, `<ns>/*`, `<ns>/<host>`) select
 * from that inventory: a declared service's pods by their own Sidecar, the load tester's by its
 * namespace's (it calls every canary).
 */
function sidecarHosts(config: StackConfig): { unscoped: number; services: number[]; loadtester: number } {
  const objects = stackObjects(config, () => "bench");
  const inventory = new Map<string, Set<string>>();
  const add = (namespace: string, host: string) => inventory.set(namespace, (inventory.get(namespace) ?? new Set()).add(host));
  config.services.forEach((service) => hostsOf(service).forEach((host) => add(service.namespace, host)));
  add(config.istio.namespace, `istiod.${config.istio.namespace}.svc.cluster.local`);
  add(config.flagger.loadtesterNamespace, `flagger-loadtester.${config.flagger.loadtesterNamespace}.svc.cluster.local`);
  objects
    .filter((o) => o.kind === "ServiceEntry")
    .forEach((entry) => (entry.spec as { hosts: string[] }).hosts.forEach((host) => add(entry.metadata.namespace!, host)));
  const held = (sidecar: (typeof objects)[number]) => {
    const hosts = new Set<string>();
    for (const entry of (sidecar.spec as { egress: { hosts: string[] }[] }).egress.flatMap((e) => e.hosts)) {
      const [scope, host] = entry.split("/");
      const namespace = scope === "." ? sidecar.metadata.namespace! : scope;
      (host === "*" ? [...(inventory.get(namespace) ?? [])] : [host]).forEach((h) => hosts.add(`${namespace}/${h}`));
    }
    return hosts.size;
  };
  const sidecars = objects.filter((o) => o.kind === "Sidecar");
  const loadtester = sidecars.find((s) => s.metadata.namespace === config.flagger.loadtesterNamespace)!;
  return {
    unscoped: [...inventory.values()].reduce((sum, hosts) => sum + hosts.size, 0),
    services: sidecars.filter((s) => (s.spec as { workloadSelector?: unknown }).workloadSelector).map(held),
    loadtester: held(loadtester),
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
  for (const size of [100, 1000]) {
    const { unscoped, services, loadtester } = sidecarHosts(parseStackConfig(generatedStack(size)));
    const largest = Math.max(...services);
    const mean = services.reduce((a, b) => a + b, 0) / services.length;
    console.log(
      `${String(size).padStart(5)} services: a proxy holds ${unscoped} hosts unscoped; a service's pods at most ${largest} scoped ` +
        `(mean ${mean.toFixed(1)}), ${(unscoped / largest).toFixed(1)}x less${size === 1000 ? " (target >= 20x)" : ""}; ` +
        `the load tester ${loadtester} (every canary)`,
    );
  }
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
