/**
 * A stack diff in words a reviewer reads: a summary line, then one section per kind of change,
 * the same sentences in text (for a terminal) and Markdown (for a pull-request comment, with the
 * perimeter drawn and the paths a change opens or closes marked); JSON for machines. Names are
 * written in backticks once; the text form drops them.
 */
import { perimeterGraph, UNREACHABLE_FIX, type DrawnEdge, type PerimeterEdge } from "./perimeterReport";
import { isUnchanged, type FieldChange, type Finding, type RolloutNumbers, type StackDiff } from "./stackDiff";

/** Where the comparison's two sides come from, as the report names them. */
export interface DiffSides {
  stack: string;
  file: string;
  /** The base revision as the user gave it, and the commit it named. */
  ref: string;
  commit: string;
}

interface Item {
  text: string;
  details?: string[];
}

interface Section {
  title: string;
  items: Item[];
  /** Shell commands to run after `pulumi up`. */
  commands?: string[];
}

const value = (v: unknown) => (v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v));
const fieldText = (field: FieldChange) => `\`${field.key}\`: ${value(field.before)} -> ${value(field.after)}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function findingItem(change: "introduced" | "resolved", finding: Finding): Item {
  return { text: `${change} (${finding.level}) \`${finding.rule}\`, ${finding.subject}: ${finding.message}` };
}

function rolloutText(rollout: { before?: RolloutNumbers; after?: RolloutNumbers }): string {
  const { before, after } = rollout;
  if (!before || !after) {
    const [side, numbers] = before ? ["was", before] : ["now", after!];
    return `rollout ${side}: promoted after ${numbers.promotedAfter}, rollback within ${numbers.rollbackWithin}, max failing share ${numbers.maxFailingShare}`;
  }
  const part = (name: string, key: keyof RolloutNumbers) =>
    before[key] === after[key] ? `${name} ${after[key]} (unchanged)` : `${name} ${before[key]} -> ${after[key]}`;
  return `rollout: ${part("promoted after", "promotedAfter")}, ${part("rollback within", "rollbackWithin")}, ${part("max failing share", "maxFailingShare")}`;
}

function servicesSection(services: StackDiff["services"]): Section {
  const summary = (s: { delivery: string; strategy?: string }) => `${s.delivery}${s.strategy ? ` (${s.strategy})` : ""}`;
  return {
    title: "Services",
    items: [
      ...services.added.map((s) => ({ text: `added \`${s.service}\`: ${summary(s)}` })),
      ...services.removed.map((s) => ({ text: `removed \`${s.service}\`: was ${summary(s)}` })),
      ...services.changed.map((change) => {
        const headline = [
          change.delivery ? `delivery ${change.delivery.before} -> ${change.delivery.after}` : "",
          change.strategy ? `strategy ${value(change.strategy.before)} -> ${value(change.strategy.after)}` : "",
        ].filter(Boolean);
        return {
          text: `changed \`${change.service}\`${headline.length > 0 ? `: ${headline.join("; ")}` : ""}`,
          details: [...(change.rollout ? [rolloutText(change.rollout)] : []), ...change.fields.map(fieldText)],
        };
      }),
    ],
  };
}

const ingressText = (edge: PerimeterEdge) => `\`${edge.from}\` (gateway ${edge.via})`;

function perimeterSection(perimeter: StackDiff["perimeter"]): Section {
  // A service whose ingress both lost and gained a path moved its exposure: one line, before and after.
  const ingress = (edges: PerimeterEdge[]) => edges.filter((edge) => edge.kind === "ingress");
  const moved = [...new Set(ingress(perimeter.added).map((edge) => edge.to))].filter((service) =>
    ingress(perimeter.removed).some((edge) => edge.to === service),
  );
  const isMoved = (edge: PerimeterEdge) => edge.kind === "ingress" && moved.includes(edge.to);
  const edgeText = (edge: PerimeterEdge) =>
    edge.kind === "ingress" ? `ingress ${ingressText(edge)} -> \`${edge.to}\`` : `${edge.kind} \`${edge.from}\` -> \`${edge.to}\``;
  return {
    title: "Perimeter (deny by default: what may reach what)",
    items: [
      ...perimeter.added.filter((edge) => !isMoved(edge)).map((edge) => ({ text: `opened: ${edgeText(edge)}` })),
      ...perimeter.removed.filter((edge) => !isMoved(edge)).map((edge) => ({ text: `closed: ${edgeText(edge)}` })),
      ...moved.map((service) => ({
        text:
          `exposure of \`${service}\` moved: ${ingress(perimeter.removed)
            .filter((e) => e.to === service)
            .map(ingressText)
            .join(", ")} -> ` +
          ingress(perimeter.added)
            .filter((e) => e.to === service)
            .map(ingressText)
            .join(", "),
      })),
      ...perimeter.lockedOut.map((service) => ({ text: `locked out: \`${service}\`: ${UNREACHABLE_FIX}` })),
      ...perimeter.reopened.map((service) => ({ text: `reachable again: \`${service}\`` })),
    ],
  };
}

function gatewaysSection(gateways: StackDiff["gateways"]): Section {
  return {
    title: "Gateways and TLS",
    items: [
      ...gateways.added.map((name) => ({ text: `added Gateway \`${name}\`` })),
      ...gateways.removed.map((name) => ({ text: `removed Gateway \`${name}\`` })),
      ...gateways.changed.map((change) => ({ text: `changed Gateway \`${change.name}\``, details: change.fields.map(fieldText) })),
    ],
  };
}

function controlPlaneSection(plane: StackDiff["controlPlane"]): Section {
  return {
    title: "Control plane",
    items: [
      ...plane.revisionsAdded.map((revision) => ({ text: `istiod revision added: \`${revision}\`` })),
      ...plane.revisionsRemoved.map((revision) => ({ text: `istiod revision removed: \`${revision}\`` })),
      ...plane.tagsMoved.map((tag) => ({ text: `tag \`${tag.tag}\` moved: ${value(tag.before)} -> ${value(tag.after)}` })),
      ...(plane.defaultRevision
        ? [{ text: `default revision: ${value(plane.defaultRevision.before)} -> ${value(plane.defaultRevision.after)}` }]
        : []),
      ...plane.moves.map((move) => ({
        text: `\`${move.consumer}\` moves from istiod \`${move.before}\` to \`${move.after}\`: restart its pods after \`pulumi up\``,
      })),
      ...plane.charts.map((chart) => ({
        text: `chart \`${chart.release}\` (${chart.chart}): ${value(chart.before)} -> ${value(chart.after)}`,
      })),
    ],
    commands: plane.moves.flatMap((move) => [move.restart, move.findStale]),
  };
}

function secretsSection(secrets: StackDiff["secrets"]): Section {
  return {
    title: "Secrets (names only)",
    items: [
      ...secrets.added.map((name) => ({ text: `added \`${name}\`` })),
      ...secrets.removed.map((name) => ({ text: `removed \`${name}\`` })),
      ...secrets.setAgain.map((name) => ({ text: `set again \`${name}\` (value not shown)` })),
    ],
  };
}

function sections(diff: StackDiff): Section[] {
  return [
    {
      title: "Policy findings",
      items: [
        ...diff.findings.introduced.map((f) => findingItem("introduced", f)),
        ...diff.findings.resolved.map((f) => findingItem("resolved", f)),
      ],
    },
    servicesSection(diff.services),
    perimeterSection(diff.perimeter),
    gatewaysSection(diff.gateways),
    controlPlaneSection(diff.controlPlane),
    secretsSection(diff.secrets),
    { title: "Other settings", items: diff.settings.map((field) => ({ text: fieldText(field) })) },
  ].filter((section) => section.items.length > 0);
}

/** One line counting each kind of change, mandatory findings first. */
export function summaryLine(diff: StackDiff): string {
  const { findings, services, perimeter, gateways, controlPlane, secrets } = diff;
  const mandatory = findings.introduced.filter((f) => f.level === "mandatory").length;
  const parts = [
    findings.introduced.length > 0 ? `${plural(findings.introduced.length, "finding")} introduced (${mandatory} mandatory)` : "",
    findings.resolved.length > 0 ? `${plural(findings.resolved.length, "finding")} resolved` : "",
    services.added.length > 0 ? `${plural(services.added.length, "service")} added` : "",
    services.removed.length > 0 ? `${plural(services.removed.length, "service")} removed` : "",
    services.changed.length > 0 ? `${plural(services.changed.length, "service")} changed` : "",
    perimeter.added.length > 0 ? `${plural(perimeter.added.length, "path")} opened` : "",
    perimeter.removed.length > 0 ? `${plural(perimeter.removed.length, "path")} closed` : "",
    perimeter.lockedOut.length > 0 ? `${plural(perimeter.lockedOut.length, "service")} locked out` : "",
    gateways.added.length + gateways.removed.length + gateways.changed.length > 0
      ? `${plural(gateways.added.length + gateways.removed.length + gateways.changed.length, "Gateway")} changed`
      : "",
    controlPlane.tagsMoved.length > 0 ? `${plural(controlPlane.tagsMoved.length, "tag")} moved` : "",
    controlPlane.revisionsAdded.length + controlPlane.revisionsRemoved.length > 0
      ? `${plural(controlPlane.revisionsAdded.length + controlPlane.revisionsRemoved.length, "istiod revision")} added or removed`
      : "",
    controlPlane.moves.length > 0 ? `${plural(controlPlane.moves.length, "proxy group")} to restart` : "",
    controlPlane.charts.length > 0 ? `${plural(controlPlane.charts.length, "chart version")} changed` : "",
    secrets.added.length + secrets.removed.length + secrets.setAgain.length > 0
      ? `${plural(secrets.added.length + secrets.removed.length + secrets.setAgain.length, "secret")} changed`
      : "",
    diff.settings.length > 0 ? `${plural(diff.settings.length, "other setting")} changed` : "",
  ];
  return parts.filter(Boolean).join("; ");
}

const sidesText = (sides: DiffSides) => `${sides.file} at ${sides.ref} (${sides.commit.slice(0, 7)}) -> working tree`;
const unchangedText = (sides: DiffSides) =>
  `${sides.stack}: no change to the mesh between ${sides.file} at ${sides.ref} (${sides.commit.slice(0, 7)}) and the working tree`;
const plain = (text: string) => text.replace(/`/g, "");
/** Markdown text: outside code spans, arrows drawn and `<`, `>` escaped, so GitHub shows `<name>` rather than dropping it as a tag. */
const markdown = (text: string) =>
  text
    .split("`")
    .map((part, i) => (i % 2 === 0 ? part.replace(/ -> /g, " → ").replace(/</g, "&lt;").replace(/>/g, "&gt;") : part))
    .join("`");

export function diffText(sides: DiffSides, diff: StackDiff): string {
  if (isUnchanged(diff)) {
    return unchangedText(sides);
  }
  const lines = [`${sides.stack}: ${sidesText(sides)}`, `summary: ${summaryLine(diff)}`];
  for (const section of sections(diff)) {
    lines.push("", section.title.toLowerCase());
    for (const item of section.items) {
      lines.push(`  - ${plain(item.text)}`, ...(item.details ?? []).map((detail) => `      ${plain(detail)}`));
    }
    if (section.commands && section.commands.length > 0) {
      lines.push("  after pulumi up:", ...section.commands.map((command) => `    ${command}`));
    }
  }
  return lines.join("\n");
}

/** The perimeter as before and after together: every path of either side, the opened and closed ones marked. */
function drawnPerimeter(perimeter: StackDiff["perimeter"]): DrawnEdge[] {
  return [
    ...perimeter.kept.map((edge) => ({ edge })),
    ...perimeter.added.map((edge) => ({ edge, change: "added" as const })),
    ...perimeter.removed.map((edge) => ({ edge, change: "removed" as const })),
  ];
}

export function diffMarkdown(sides: DiffSides, diff: StackDiff, unreachable: readonly string[]): string {
  const title = `### Mesh diff: ${sides.stack}`;
  if (isUnchanged(diff)) {
    return [
      title,
      "",
      `No change to the mesh: \`${sides.file}\` at \`${sides.ref}\` (${sides.commit.slice(0, 7)}) and this change configure the same mesh.`,
    ].join("\n");
  }
  const lines = [title, "", `\`${sides.file}\` at \`${sides.ref}\` (${sides.commit.slice(0, 7)}) → this change. **${summaryLine(diff)}**`];
  for (const section of sections(diff)) {
    lines.push("", `#### ${section.title}`, "");
    for (const item of section.items) {
      lines.push(`- ${markdown(item.text)}`, ...(item.details ?? []).map((detail) => `  - ${markdown(detail)}`));
    }
    if (section.title.startsWith("Perimeter")) {
      lines.push("", "Thick green: opened by this change; dotted red: closed; dashed boxes: services nothing may call.", "");
      lines.push(...perimeterGraph(drawnPerimeter(diff.perimeter), unreachable));
    }
    if (section.commands && section.commands.length > 0) {
      lines.push("", "After `pulumi up`, restart and check:", "", "```sh", ...section.commands, "```");
    }
  }
  return lines.join("\n");
}

export function diffJson(sides: DiffSides, diff: StackDiff): string {
  const changed = !isUnchanged(diff);
  return JSON.stringify({ ...sides, changed, summary: changed ? summaryLine(diff) : "no change", diff }, null, 2);
}
