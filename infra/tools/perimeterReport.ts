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
export const UNREACHABLE_FIX = "nothing may call it: add it to a caller's calls.services or expose it";

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

/** An edge of a drawn perimeter; a diff marks the paths a change opens or closes. */
export interface DrawnEdge {
  edge: PerimeterEdge;
  change?: "added" | "removed";
}

/** Arrow and colour of each kind of drawn edge: a change's new paths thick and green, its closed ones dotted and red. */
const ARROWS = { kept: "-->", added: "==>", removed: "-.->" } as const;
const LINK_STYLES = { added: "stroke:#1a7f37,stroke-width:3px", removed: "stroke:#d1242f,stroke-width:2px" } as const;

/**
 * The perimeter as a Mermaid graph: hosts (rounded) and services (boxes) and external APIs
 * (cylinders); services nothing may call are dashed red.
 */
export function perimeterGraph(edges: readonly DrawnEdge[], unreachable: readonly string[]): string[] {
  const ids = new Map<string, string>();
  const nodes: string[] = [];
  const node = (name: string, shape: "host" | "service" | "api") => {
    const key = `${shape}:${name}`;
    if (!ids.has(key)) {
      const id = `n${ids.size}`;
      ids.set(key, id);
      nodes.push(
        shape === "service"
          ? `    ${id}[${label(name)}]`
          : shape === "host"
            ? `    ${id}([${label(name)}])`
            : `    ${id}[(${label(name)})]`,
      );
    }
    return ids.get(key)!;
  };
  const arrows: string[] = [];
  const styled: Record<"added" | "removed", number[]> = { added: [], removed: [] };
  edges.forEach(({ edge, change }, i) => {
    const from = node(edge.from, edge.kind === "ingress" ? "host" : "service");
    const to = node(edge.to, edge.kind === "egress" ? "api" : "service");
    const text = [change, edge.via].filter(Boolean).join(", ");
    arrows.push(`    ${from} ${ARROWS[change ?? "kept"]}${text ? `|${label(text)}|` : ""} ${to}`);
    if (change) {
      styled[change].push(i);
    }
  });
  const lockedOut = unreachable.map((service) => node(service, "service"));
  const styles = [
    ...(["added", "removed"] as const)
      .filter((change) => styled[change].length > 0)
      .map((change) => `    linkStyle ${styled[change].join(",")} ${LINK_STYLES[change]}`),
    ...(lockedOut.length > 0
      ? ["    classDef unreachable stroke:#d1242f,stroke-width:2px,stroke-dasharray:5 5", `    class ${lockedOut.join(",")} unreachable`]
      : []),
  ];
  return ["```mermaid", "graph LR", ...nodes, ...arrows, ...styles, "```"];
}

export function perimeterMarkdown(stack: string, { edges, unreachable }: Perimeter): string {
  const lines = [`### Perimeter: ${stack}`, ""];
  if (edges.length === 0 && unreachable.length === 0) {
    return [...lines, "Nothing is exposed, called or reached outside the mesh."].join("\n");
  }
  lines.push(
    ...perimeterGraph(
      edges.map((edge) => ({ edge })),
      unreachable,
    ),
  );
  if (unreachable.length > 0) {
    lines.push("", `Unreachable (dashed): ${unreachable.map((s) => `\`${s}\``).join(", ")}; ${UNREACHABLE_FIX}.`);
  }
  return lines.join("\n");
}
