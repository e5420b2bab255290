import { strict as assert } from "node:assert";
import { projectConfigValues } from "../../../infra/config/configValues";
import { parseStackConfig } from "../../../infra/config/parse";
import type { PackConfig } from "../../../policies/packConfig";
import { diffStacks, isUnchanged, judgedSide, type StackDiff, type StackSide } from "../../../infra/tools/stackDiff";
import { diffJson, diffMarkdown, diffText, summaryLine, type DiffSides } from "../../../infra/tools/stackDiffReport";
import { referenceStackConfig } from "../../helpers/stackFiles";

type Values = Record<string, any>;

/** The reference production stack's values (without the project prefix), changed by `edit`. */
function values(edit: (v: Values) => void = () => {}): Values {
  const v = structuredClone(projectConfigValues(referenceStackConfig("production"))) as Values;
  edit(v);
  return v;
}

const service = (v: Values, name: string) => (v.services as Values[]).find((s) => s.name === name)!;

/** A side judged by the pack, as `diff` judges each side. */
function side(v: Values, packConfig: PackConfig = {}, encrypted: [string, string][] = []): StackSide {
  return judgedSide(
    { config: parseStackConfig(v), missingSecrets: [], encryptedValues: new Map(encrypted) },
    "Pulumi.production.yaml",
    packConfig,
  );
}

/** The diff both ways: from the reference to the changed stack, and back. */
function bothWays(edit: (v: Values) => void): { forward: StackDiff; backward: StackDiff } {
  const [reference, changed] = [side(values()), side(values(edit))];
  return { forward: diffStacks(reference, changed), backward: diffStacks(changed, reference) };
}

const SIDES: DiffSides = { stack: "production", file: "Pulumi.production.yaml", ref: "main", commit: "0123456789abcdef" };

/** Every section of a diff other than the named ones is empty. */
function onlyChanged(diff: StackDiff, ...sections: (keyof StackDiff)[]): void {
  assert.equal(isUnchanged(diff), false, "a change in any section counts");
  for (const [name, section] of Object.entries(diff) as [keyof StackDiff, unknown][]) {
    if (sections.includes(name)) {
      continue;
    }
    const lists = Array.isArray(section) ? { section } : name === "perimeter" ? { ...(section as Values), kept: [] } : (section as Values);
    for (const [key, list] of Object.entries(lists)) {
      assert.ok(list === undefined || (Array.isArray(list) && list.length === 0), `${name}.${key} is empty: ${JSON.stringify(list)}`);
    }
  }
}

describe("the stack diff", () => {
  it("finds nothing between a stack and itself, and says so in one line", () => {
    const diff = diffStacks(side(values()), side(values()));
    assert.ok(isUnchanged(diff));
    assert.equal(diff.perimeter.kept.length, 4); // two exposures, one call, one external API
    assert.equal(
      diffText(SIDES, diff),
      "production: no change to the mesh between Pulumi.production.yaml at main (0123456) and the working tree",
    );
    assert.equal(diffMarkdown(SIDES, diff, []).split("\n").length, 3);
    assert.equal(JSON.parse(diffJson(SIDES, diff)).changed, false);
  });

  it("finds nothing in a reordered list or a value written as its default", () => {
    const diff = diffStacks(
      side(values()),
      side(
        values((v) => {
          v.services.reverse();
          service(v, "payment-service").createServiceAccount = true;
        }),
      ),
    );
    assert.ok(isUnchanged(diff), JSON.stringify(diff));
  });

  it("names a service added, and removed the other way", () => {
    const { forward, backward } = bothWays((v) => {
      v.services.push({ name: "audit", namespace: "production", port: 8080, delivery: "static" });
      service(v, "payment-service").calls = { ...service(v, "payment-service").calls, services: ["audit"] };
    });
    assert.deepEqual(forward.services.added, [{ service: "production/audit", delivery: "static" }]);
    assert.deepEqual(backward.services.removed, [{ service: "production/audit", delivery: "static" }]);
    assert.deepEqual(forward.perimeter.added, [{ kind: "call", from: "production/payment-service", to: "production/audit" }]);
    assert.deepEqual(backward.perimeter.removed, forward.perimeter.added);
    assert.match(diffText(SIDES, forward), /^ {2}- added production\/audit: static$/m);
    assert.match(diffText(SIDES, backward), /^ {2}- removed production\/audit: was static$/m);
  });

  it("gives a canary's numbers before and after, with the field that moved them, both ways", () => {
    const { forward, backward } = bothWays((v) => {
      service(v, "user-service").canary.maxWeight = 30;
    });
    onlyChanged(forward, "services");
    assert.deepEqual(forward.services.changed, [
      {
        service: "production/user-service",
        rollout: {
          before: { promotedAfter: "6m", rollbackWithin: "5m", maxFailingShare: "50%" },
          after: { promotedAfter: "4m", rollbackWithin: "5m", maxFailingShare: "30%" },
        },
        fields: [{ key: "canary.maxWeight", before: 50, after: 30 }],
      },
    ]);
    assert.deepEqual(backward.services.changed[0].fields, [{ key: "canary.maxWeight", before: 30, after: 50 }]);
    assert.deepEqual(backward.services.changed[0].rollout, {
      before: forward.services.changed[0].rollout!.after,
      after: forward.services.changed[0].rollout!.before,
    });
    assert.ok(
      diffText(SIDES, forward).includes(
        "      rollout: promoted after 6m -> 4m, rollback within 5m (unchanged), max failing share 50% -> 30%\n      canary.maxWeight: 50 -> 30",
      ),
    );
  });

  it("names a change of strategy and of delivery, both ways", () => {
    const blueGreen = bothWays((v) => {
      const canary = service(v, "user-service").canary;
      delete canary.maxWeight;
      delete canary.stepWeight;
      Object.assign(canary, { strategy: "blueGreen", iterations: 10 });
    });
    assert.deepEqual(blueGreen.forward.services.changed[0].strategy, { before: "weighted", after: "blue/green" });
    assert.deepEqual(blueGreen.backward.services.changed[0].strategy, { before: "blue/green", after: "weighted" });
    assert.equal(blueGreen.forward.services.changed[0].rollout!.after!.maxFailingShare, "none (test traffic)");

    const toStatic = bothWays((v) => {
      const user = service(v, "user-service");
      delete user.canary;
      user.delivery = "static";
    });
    const [change] = toStatic.forward.services.changed;
    assert.deepEqual(change.delivery, { before: "progressive", after: "static" });
    assert.deepEqual(change.rollout, { before: { promotedAfter: "6m", rollbackWithin: "5m", maxFailingShare: "50%" }, after: undefined });
    assert.deepEqual(toStatic.backward.services.changed[0].delivery, { before: "static", after: "progressive" });
    assert.match(
      diffText(SIDES, toStatic.forward),
      /- changed production\/user-service: delivery progressive -> static\n {6}rollout was: promoted after 6m/,
    );
  });

  it("opens and closes calls and external APIs, and moves an exposure, both ways", () => {
    const { forward, backward } = bothWays((v) => {
      const payment = service(v, "payment-service");
      payment.calls = { services: ["user-service"], apis: [] };
      payment.expose.pathPrefix = "/api/v2/payments";
    });
    onlyChanged(forward, "perimeter");
    const text = diffText(SIDES, forward);
    assert.ok(text.includes("  - opened: call production/payment-service -> production/user-service"), text);
    assert.ok(text.includes("  - closed: egress production/payment-service -> payment-provider (api.stripe.com)"), text);
    assert.ok(
      text.includes(
        "  - exposure of production/payment-service moved: api.ecommerce.com/api/payments (gateway public) -> api.ecommerce.com/api/v2/payments (gateway public)",
      ),
      text,
    );
    const back = diffText(SIDES, backward);
    assert.ok(back.includes("  - closed: call production/payment-service -> production/user-service"), back);
    assert.ok(back.includes("  - opened: egress production/payment-service -> payment-provider (api.stripe.com)"), back);
    assert.ok(back.includes("api.ecommerce.com/api/v2/payments (gateway public) -> api.ecommerce.com/api/payments (gateway public)"), back);
  });

  it("draws the perimeter with the opened paths thick and green and the closed ones dotted and red", () => {
    const { forward } = bothWays((v) => {
      service(v, "payment-service").calls = { services: ["user-service"], apis: [] };
    });
    const markdown = diffMarkdown(SIDES, forward, []);
    const graph = /```mermaid\n([\s\S]*?)```/.exec(markdown)![1].split("\n");
    const arrows = graph.filter((line) => /-->|==>|-\.->/.test(line));
    assert.equal(arrows.length, 5); // three kept, one opened, one closed
    const opened = arrows.findIndex((line) => line.includes('==>|"added"|'));
    const closed = arrows.findIndex((line) => line.includes('-.->|"removed"|'));
    assert.ok(opened >= 0 && closed >= 0, graph.join("\n"));
    assert.ok(graph.includes(`    linkStyle ${opened} stroke:#1a7f37,stroke-width:3px`), graph.join("\n"));
    assert.ok(graph.includes(`    linkStyle ${closed} stroke:#d1242f,stroke-width:2px`), graph.join("\n"));
  });

  it("says which services default-deny now locks out, and which are reachable again", () => {
    const { forward, backward } = bothWays((v) => {
      delete service(v, "payment-service").expose;
      service(v, "user-service").calls = { services: [] };
    });
    assert.deepEqual(forward.perimeter.lockedOut, ["production/payment-service"]);
    assert.deepEqual(backward.perimeter.reopened, ["production/payment-service"]);
    assert.deepEqual(
      forward.findings.introduced.map((f) => [f.rule, f.level, f.subject]),
      [["unreachable-service", "advisory", "service production/payment-service"]],
    );
    assert.deepEqual(backward.findings.resolved, forward.findings.introduced);
    // A locked-out service that is removed is not "reachable again".
    const lockedOut = (v: Values) => {
      delete service(v, "payment-service").expose;
      service(v, "user-service").calls = { services: [] };
    };
    const removed = diffStacks(
      side(values(lockedOut)),
      side(
        values((v) => {
          lockedOut(v);
          v.services = v.services.filter((s: Values) => s.name !== "payment-service");
        }),
      ),
    );
    assert.deepEqual(removed.perimeter.reopened, []);
    assert.deepEqual(
      removed.services.removed.map((s) => s.service),
      ["production/payment-service"],
    );
  });

  it("lists the findings a change introduces and resolves, mandatory first", () => {
    const strict: PackConfig = { "canary-limits": { maxWeight: 40 } } as PackConfig;
    const base = side(values(), strict);
    const head = side(
      values((v) => {
        service(v, "user-service").canary.maxWeight = 30;
        const audit = { name: "audit", namespace: "production", port: 8080, delivery: "static" };
        v.services.push({ ...audit, trafficPolicy: service(v, "payment-service").trafficPolicy });
      }),
      strict,
    );
    const forward = diffStacks(base, head);
    assert.deepEqual(
      forward.findings.resolved.map((f) => [f.rule, f.level]),
      [["canary-limits", "mandatory"]],
    );
    assert.deepEqual(
      forward.findings.introduced.map((f) => [f.rule, f.level]),
      [["unreachable-service", "advisory"]],
    );
    const backward = diffStacks(head, base);
    assert.deepEqual(
      backward.findings.introduced.map((f) => [f.rule, f.level]),
      [["canary-limits", "mandatory"]],
    );
    // Both kinds at once: the mandatory finding is listed first.
    const mixed = diffStacks(
      side(
        values((v) => {
          service(v, "user-service").canary.maxWeight = 30;
        }),
        strict,
      ),
      side(
        values((v) => {
          v.services.push({
            name: "audit",
            namespace: "production",
            port: 8080,
            delivery: "static",
            trafficPolicy: service(v, "payment-service").trafficPolicy,
          });
        }),
        strict,
      ),
    );
    assert.deepEqual(
      mixed.findings.introduced.map((f) => [f.rule, f.level]),
      [
        ["canary-limits", "mandatory"],
        ["unreachable-service", "advisory"],
      ],
    );
    assert.match(summaryLine(backward), /^1 finding introduced \(1 mandatory\); 1 finding resolved;/);
    const text = diffText(SIDES, backward);
    assert.ok(text.indexOf("policy findings") < text.indexOf("services"), "findings come first");
  });

  it("moves a tag: the namespaces and the gateway it moves, with the commands to restart them, both ways", () => {
    const { forward, backward } = bothWays((v) => {
      v.istio.revisions[0].tags = [];
      v.istio.revisions[1].tags = ["stable", "canary"];
    });
    onlyChanged(forward, "controlPlane");
    assert.deepEqual(forward.controlPlane.tagsMoved, [{ tag: "stable", before: "1-30-5", after: "1-31-1" }]);
    assert.deepEqual(
      forward.controlPlane.moves.map((m) => [m.consumer, m.before, m.after, m.restart]),
      [
        ["namespace production", "1-30-5", "1-31-1", "kubectl rollout restart deployment -n production"],
        ["ingress gateway istio-ingress", "1-30-5", "1-31-1", "kubectl rollout restart deployment/istio-ingressgateway -n istio-ingress"],
      ],
    );
    assert.deepEqual(forward.controlPlane.charts, [
      { release: "istio-ingressgateway", chart: "gateway", before: "1.30.5", after: "1.31.1" },
    ]);
    assert.deepEqual(backward.controlPlane.tagsMoved, [{ tag: "stable", before: "1-31-1", after: "1-30-5" }]);
    assert.deepEqual(
      backward.controlPlane.moves.map((m) => [m.consumer, m.after, m.findStale]),
      [
        ["namespace production", "1-30-5", "kubectl get pods -n production -l 'istio.io/rev,istio.io/rev!=1-30-5'"],
        ["ingress gateway istio-ingress", "1-30-5", "kubectl get pods -n istio-ingress -l 'istio.io/rev,istio.io/rev!=1-30-5'"],
      ],
    );
    const markdown = diffMarkdown(SIDES, forward, []);
    assert.ok(markdown.includes("```sh\nkubectl rollout restart deployment -n production\n"), markdown);
  });

  it("names istiod revisions added and removed, and the chart versions that change with them", () => {
    const { forward, backward } = bothWays((v) => {
      v.istio.revisions = [v.istio.revisions[1]];
      v.istio.revisions[0].tags = ["stable", "canary"];
    });
    assert.deepEqual(forward.controlPlane.revisionsRemoved, ["1-30-5 (1.30.5)"]);
    assert.deepEqual(backward.controlPlane.revisionsAdded, ["1-30-5 (1.30.5)"]);
    assert.deepEqual(
      forward.controlPlane.charts.map((c) => [c.release, c.before, c.after]),
      [
        ["istiod-1-30-5", "1.30.5", undefined],
        ["istio-ingressgateway", "1.30.5", "1.31.1"],
      ],
    );
    assert.deepEqual(
      backward.controlPlane.charts.find((c) => c.release === "istiod-1-30-5"),
      { release: "istiod-1-30-5", chart: "istiod", after: "1.30.5" },
    );
  });

  it("names a Gateway's changed certificate and a new Gateway", () => {
    const { forward, backward } = bothWays((v) => {
      v.istio.ingressGateway.gateways[0].credentialName = "api-ecommerce-com-tls-2027";
      v.istio.ingressGateway.gateways.push({ name: "partners", hosts: ["partners.ecommerce.com"], credentialName: "partners-tls" });
    });
    onlyChanged(forward, "gateways");
    assert.deepEqual(forward.gateways, {
      added: ["partners"],
      removed: [],
      changed: [
        { name: "public", fields: [{ key: "credentialName", before: "api-ecommerce-com-tls", after: "api-ecommerce-com-tls-2027" }] },
      ],
    });
    assert.deepEqual(backward.gateways.removed, ["partners"]);
  });

  it("names the secrets added, removed or set again, never their values", () => {
    const base = side(values(), {}, [
      ["mesh-platform:alertWebhookUrls.deployments", "v1:AAAA"],
      ["mesh-platform:alertWebhookUrls.on-call", "v1:BBBB"],
    ]);
    const head = side(values(), {}, [
      ["mesh-platform:alertWebhookUrls.deployments", "v1:CCCC"],
      ["mesh-platform:flagger.metricsServer", "v1:DDDD"],
    ]);
    const diff = diffStacks(base, head);
    onlyChanged(diff, "secrets");
    assert.deepEqual(diff.secrets, {
      added: ["mesh-platform:flagger.metricsServer"],
      removed: ["mesh-platform:alertWebhookUrls.on-call"],
      setAgain: ["mesh-platform:alertWebhookUrls.deployments"],
    });
    for (const output of [diffText(SIDES, diff), diffMarkdown(SIDES, diff, []), diffJson(SIDES, diff)]) {
      assert.ok(!/v1:/.test(output), output);
    }
    assert.deepEqual(diffStacks(head, base).secrets.added, ["mesh-platform:alertWebhookUrls.on-call"]);
  });

  it("lists any other setting that changed, by key", () => {
    const { forward, backward } = bothWays((v) => {
      v.istio.outboundTrafficPolicy = "ALLOW_ANY";
    });
    onlyChanged(forward, "settings");
    assert.deepEqual(forward.settings, [{ key: "istio.outboundTrafficPolicy", before: "REGISTRY_ONLY", after: "ALLOW_ANY" }]);
    assert.deepEqual(backward.settings, [{ key: "istio.outboundTrafficPolicy", before: "ALLOW_ANY", after: "REGISTRY_ONLY" }]);
    assert.match(diffText(SIDES, forward), /^other settings\n {2}- istio\.outboundTrafficPolicy: REGISTRY_ONLY -> ALLOW_ANY$/m);
  });
});
