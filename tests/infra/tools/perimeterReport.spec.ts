import { strict as assert } from "node:assert";
import { perimeterEdges, perimeterMarkdown, perimeterText } from "../../../infra/tools/perimeterReport";
import { everythingConfig, minimalConfig } from "../../helpers/configFixtures";

describe("plan's perimeter", () => {
  const edges = perimeterEdges(everythingConfig());

  it("lists what comes in through each Gateway, who calls whom and what leaves the mesh", () => {
    assert.equal(
      perimeterText(edges),
      [
        "perimeter (deny by default: only these paths are open)",
        "ingress  shop.example.com/cart      ->  shop/cart                        (gateway public)",
        "ingress  shop.example.com/checkout  ->  shop/checkout                    (gateway public)",
        "call     shop/cart                  ->  search/search-api",
        "call     shop/checkout              ->  shop/cart",
        "egress   shop/cart                  ->  payments (api.payments.example)",
      ].join("\n"),
    );
    assert.equal(perimeterText(perimeterEdges(minimalConfig())), "perimeter: nothing is exposed, called or reached outside the mesh");
  });

  it("draws the same edges as a Mermaid graph, each node once", () => {
    assert.equal(
      perimeterMarkdown("lab", edges),
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
});
