/**
 * The mesh perimeter as `plan` shows it: what comes in through each Gateway, who calls whom, and
 * what leaves the mesh, from the same call graph the authorization policies, ServiceEntries and
 * Sidecars are derived from, and the services nothing may call. Text lists the edges; Markdown
 * draws them as a Mermaid graph.
 */
import { callGraph, serviceKey, uncalledServices, type CallGraph } from "../../components/builders/callGraph";
import type { StackConfig } from "../config/schema";
import { alignedTable } from "./textTable";

export interface PerimeterEdge {
  kind: "ingress" | "call" | "egress";
  from: string;
  to: string;
  /** The Gateway of an ingress edge. */
  via?: string;
}

export interface Perimeter {
  edges: PerimeterEdge[];
  /** Services nothing may call (`namespace/name`): default-deny refuses every request to them. */
  unreachable: string[];
}

export function perimeterOf(config: StackConfig): Perimeter {
  const graph = callGraph(config);
  return { edges: perimeterEdges(config, graph), unreachable: uncalledServices(config, graph).map(serviceKey) };
}

function perimeterEdges(config: StackConfig, graph: CallGraph): PerimeterEdge[] {
  const ingress = config.services.flatMap((service) =>
    (service.expose?.hosts ?? []).map((host) => ({
      kind: "ingress" as const,
      from: `${host}${service.expose!.pathPrefix === "/" ? "" : service.expose!.pathPrefix}`,
      to: serviceKey(service),
      via: service.expose!.gateway,
    })),
  );
  const calls = config.services.flatMap((service) =>
    (graph.callees.get(serviceKey(service)) ?? []).map((callee) => ({
      kind: "call" as const,
      from: serviceKey(service),
      to: serviceKey(callee),
    })),
  );
  const egress = config.services.flatMap((service) =>
    (graph.apis.get(serviceKey(service)) ?? []).map((api) => ({
      kind: "egress" as const,
      from: serviceKey(service),
      to: `${api.name} (${api.hosts.join(", ")})`,
    })),
  );
  return [...ingress, ...calls, ...egress];
}

/** How to open a service nothing may call. */
const UNREACHABLE_FIX = "nothing may call it: add it to a caller's calls.services or expose it";

export function perimeterText({ edges, unreachable }: Perimeter): string {
  const rows = [
    ...edges.map((e) => [e.kind, e.from, "->", e.to, e.via ? `(gateway ${e.via})` : ""]),
    ...unreachable.map((service) => ["unreachable", service, "", "", `(${UNREACHABLE_FIX})`]),
  ];
  if (rows.length === 0) {
    return "perimeter: nothing is exposed, called or reached outside the mesh";
  }
  return `perimeter (deny by default: only these paths are open)\n${alignedTable(rows)}`;
}

/** A Mermaid label, quoted; Mermaid reads `#quot;` for a double quote. */
const label = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;

export function perimeterMarkdown(stack: string, { edges, unreachable }: Perimeter): string {
  const lines = [`### Perimeter: ${stack}`, ""];
  if (edges.length === 0 && unreachable.length === 0) {
    return [...lines, "Nothing is exposed, called or reached outside the mesh."].join("\n");
  }
  const ids = new Map<string, string>();
  const node = (name: string, shape: "host" | "service" | "api") => {
    const key = `${shape}:${name}`;
    if (!ids.has(key)) {
      ids.set(key, `n${ids.size}`);
      const id = ids.get(key)!;
      lines.push(
        shape === "service"
          ? `    ${id}[${label(name)}]`
          : shape === "host"
            ? `    ${id}([${label(name)}])`
            : `    ${id}[(${label(name)})]`,
      );
    }
    return ids.get(key)!;
  };
  lines.push("```mermaid", "graph LR");
  const arrows: string[] = [];
  for (const edge of edges) {
    const from = node(edge.from, edge.kind === "ingress" ? "host" : "service");
    const to = node(edge.to, edge.kind === "egress" ? "api" : "service");
    arrows.push(edge.via ? `    ${from} -->|${label(edge.via)}| ${to}` : `    ${from} --> ${to}`);
  }
  const lockedOut = unreachable.map((service) => node(service, "service"));
  const style =
    lockedOut.length > 0
      ? ["    classDef unreachable stroke:#d1242f,stroke-width:2px,stroke-dasharray:5 5", `    class ${lockedOut.join(",")} unreachable`]
      : [];
  lines.push(...arrows, ...style, "```");
  if (unreachable.length > 0) {
    lines.push("", `Unreachable (dashed): ${unreachable.map((s) => `\`${s}\``).join(", ")}; ${UNREACHABLE_FIX}.`);
  }
  return lines.join("\n");
}
