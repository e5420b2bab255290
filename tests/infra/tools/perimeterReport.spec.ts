import { strict as assert } from "node:assert";
import { perimeterMarkdown, perimeterOf, perimeterText } from "../../../infra/tools/perimeterReport";
import { everythingConfig, minimalConfig, staticService } from "../../helpers/configFixtures";

describe("plan's perimeter", () => {
  const perimeter = perimeterOf(everythingConfig());

  it("lists what comes in through each Gateway, who calls whom and what leaves the mesh", () => {
    assert.deepEqual(perimeter.unreachable, []);
    assert.equal(
      perimeterText(perimeter),
      [
        "perimeter (deny by default: only these paths are open)",
        "ingress  shop.example.com/cart      ->  shop/cart                        (gateway public)",
        "ingress  shop.example.com/checkout  ->  shop/checkout                    (gateway public)",
        "call     shop/cart                  ->  search/search-api",
        "call     shop/checkout              ->  shop/cart",
        "egress   shop/cart                  ->  payments (api.payments.example)",
      ].join("\n"),
    );
    assert.equal(perimeterText(perimeterOf(minimalConfig())), "perimeter: nothing is exposed, called or reached outside the mesh");
  });

  it("draws the same edges as a Mermaid graph, each node once", () => {
    assert.equal(
      perimeterMarkdown("lab", perimeter),
      [
        "### Perimeter: lab",
        "",
        "```mermaid",
        "graph LR",
        '    n0(["shop.example.com/cart"])',
        '    n1["shop/cart"]',
        '    n2(["shop.example.com/checkout"])',
        '    n3["shop/checkout"]',
        '    n4["search/search-api"]',
        '    n5[("payments (api.payments.example)")]',
        '    n0 -->|"public"| n1',
        '    n2 -->|"public"| n3',
        "    n1 --> n4",
        "    n3 --> n1",
        "    n1 --> n5",
        "```",
      ].join("\n"),
    );
  });

  describe("a service nothing may call", () => {
    const config = minimalConfig({
      services: [
        staticService({ name: "front", calls: { services: ["api"] } }),
        staticService({ name: "api" }),
        staticService({ name: "batch" }),
      ],
    });

    it("is listed as unreachable with the fix, and so is the caller nobody calls", () => {
      const lockedOut = perimeterOf(config);
      assert.deepEqual(lockedOut.unreachable, ["apps/front", "apps/batch"]);
      assert.equal(
        perimeterText(lockedOut),
        [
          "perimeter (deny by default: only these paths are open)",
          "call         apps/front  ->  apps/api",
          "unreachable  apps/front                (nothing may call it: add it to a caller's calls.services or expose it)",
          "unreachable  apps/batch                (nothing may call it: add it to a caller's calls.services or expose it)",
        ].join("\n"),
      );
    });

    it("is drawn dashed in the Mermaid graph, with the fix below it", () => {
      assert.equal(
        perimeterMarkdown("lab", perimeterOf(config)),
        [
          "### Perimeter: lab",
          "",
          "```mermaid",
          "graph LR",
          '    n0["apps/front"]',
          '    n1["apps/api"]',
          '    n2["apps/batch"]',
          "    n0 --> n1",
          "    classDef unreachable stroke:#d1242f,stroke-width:2px,stroke-dasharray:5 5",
          "    class n0,n2 unreachable",
          "```",
          "",
          "Unreachable (dashed): `apps/front`, `apps/batch`; nothing may call it: add it to a caller's calls.services or expose it.",
        ].join("\n"),
      );
    });
  });
});
