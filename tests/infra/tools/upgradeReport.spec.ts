import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../../infra/config/parse";
import { projectConfigValues } from "../../../infra/config/configValues";
import { upgradeMarkdown, upgradeText, upgradeView } from "../../../infra/tools/upgradeReport";
import { minimalStackValues, referenceStackConfig } from "../../helpers/stackFiles";

/** The production stack's values, changed the way docs/upgrading-istio.md changes them. */
function production(change: (values: Record<string, any>) => void = () => {}) {
  const values = JSON.parse(JSON.stringify(projectConfigValues(referenceStackConfig("production")))) as Record<string, any>;
  change(values);
  return parseStackConfig(values);
}

const served = (config: ReturnType<typeof production>) =>
  upgradeView(config).assignments.map(({ revision, consumers }) => [revision.name, consumers.map((c) => c.namespace)]);

describe("plan: the control plane's upgrade state", () => {
  it("shows production mid-upgrade: 1.30.5 behind stable, the load tester moved first to 1.31.1, and the next step", () => {
    const view = upgradeView(production());
    assert.equal(view.state, "upgrading");
    assert.equal(view.validator, "1-30-5");
    assert.deepEqual(served(production()), [
      ["1-30-5", ["production", "istio-ingress"]],
      ["1-31-1", ["flagger-loadtester"]],
    ]);
    assert.equal(
      view.nextStep,
      "Canary upgrade in progress: 1-31-1 (1.31.1) serves load tester flagger-loadtester. Once those workloads run on 1-31-1 and " +
        'are healthy, move the tag "stable" from 1-30-5 to 1-31-1 (take it out of istio.revisions[0].tags and add it to ' +
        "istio.revisions[1].tags), pulumi up, then restart the workloads in production, istio-ingress (docs/upgrading-istio.md, step 3).",
    );
    assert.equal(
      view.rollback,
      'Set flagger.loadtesterRevision back to "stable" (or remove the key to follow istio.defaultRevision), pulumi up, then ' +
        "restart the workloads in flagger-loadtester.",
    );
  });

  it("tells what must restart: pods not yet on the revision their namespace selects", () => {
    assert.deepEqual(
      upgradeView(production()).restarts.map((r) => [r.consumer.namespace, r.findStale, r.restart]),
      [
        [
          "production",
          "kubectl get pods -n production -l 'istio.io/rev,istio.io/rev!=1-30-5'",
          "kubectl rollout restart deployment -n production",
        ],
        [
          "istio-ingress",
          "kubectl get pods -n istio-ingress -l 'istio.io/rev,istio.io/rev!=1-30-5'",
          "kubectl rollout restart deployment/istio-ingressgateway -n istio-ingress",
        ],
        [
          "flagger-loadtester",
          "kubectl get pods -n flagger-loadtester -l 'istio.io/rev,istio.io/rev!=1-31-1'",
          "kubectl rollout restart deployment -n flagger-loadtester",
        ],
      ],
    );
  });

  it("after moving the stable tag (step 3), says what now serves what and that the old revision can go", () => {
    const moved = production((values) => {
      values.istio.revisions[0].tags = [];
      values.istio.revisions[1].tags = ["canary", "stable"];
    });
    assert.deepEqual(served(moved), [
      ["1-30-5", []],
      ["1-31-1", ["production", "flagger-loadtester", "istio-ingress"]],
    ]);
    const view = upgradeView(moved);
    assert.equal(view.validator, "1-31-1");
    assert.equal(
      view.nextStep,
      "Nothing selects 1-30-5 any more. Once no pod runs its proxy (kubectl get pods -A -l istio.io/rev=1-30-5 shows none), " +
        "remove istio.revisions[0] from istio.revisions (docs/upgrading-istio.md, step 4).",
    );
    assert.equal(
      view.rollback,
      "Until then you can still go back: move the tags back to 1-30-5, pulumi up, then restart the workloads that moved.",
    );
  });

  it("after removing the old revision (step 4), is settled", () => {
    const settled = production((values) => {
      values.istio.revisions = [{ name: "1-31-1", version: "1.31.1", tags: ["stable", "canary"] }];
    });
    const view = upgradeView(settled);
    assert.equal(view.state, "settled");
    assert.match(view.nextStep, /^Settled: revision 1-31-1 \(1\.31\.1\) serves everything\. To upgrade, add the new version/);
    assert.equal(view.rollback, undefined);
  });

  it("after adding a revision (step 1), says to move a first namespace to it", () => {
    const added = production((values) => {
      delete values.flagger.loadtesterRevision;
    });
    assert.deepEqual(served(added), [
      ["1-30-5", ["production", "flagger-loadtester", "istio-ingress"]],
      ["1-31-1", []],
    ]);
    assert.equal(
      upgradeView(added).nextStep,
      "Revision 1-31-1 (1.31.1) runs beside the others and serves nothing yet. Move a first namespace to it: set its " +
        'namespaces[].revision (or flagger.loadtesterRevision) to "canary", pulumi up, then restart its workloads ' +
        "(docs/upgrading-istio.md, step 2).",
    );
  });

  it("asks to move a namespace that names the old revision itself rather than a tag", () => {
    const pinned = production((values) => {
      values.namespaces[0].revision = "1-30-5";
      values.istio.revisions[0].tags = [];
      values.istio.revisions[1].tags = ["canary", "stable"];
    });
    assert.match(upgradeView(pinned).nextStep, /set namespaces\[0\]\.revision to "canary" so that namespace production moves/);
  });

  it("without revisions, points at moving onto them first", () => {
    const view = upgradeView(parseStackConfig(minimalStackValues()));
    assert.equal(view.state, "no revisions");
    assert.deepEqual(view.restarts, []);
    assert.match(view.nextStep, /first move onto revisions: list it as the revision named "default" with a tag/);
  });

  it("prints a text table and a Markdown section", () => {
    const view = upgradeView(production());
    assert.equal(
      upgradeText(view).split("\n").slice(0, 4).join("\n"),
      [
        "Istio control plane: base (CRDs) 1.31.1; several revisions, canary upgrade in progress",
        "revision  version  tags    serves",
        "1-30-5    1.30.5   stable  namespace production, ingress gateway istio-ingress, default validator",
        "1-31-1    1.31.1   canary  load tester flagger-loadtester",
      ].join("\n"),
    );
    const markdown = upgradeMarkdown("production", view);
    assert.ok(markdown.startsWith("### Istio control plane: production\n"));
    assert.ok(markdown.includes("| 1-31-1 | 1.31.1 | canary | load tester flagger-loadtester |"));
    assert.ok(markdown.includes("**Roll back:** Set flagger.loadtesterRevision back to"));
  });
});
