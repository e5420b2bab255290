import { strict as assert } from "node:assert";
import { serviceAccount, stackServiceAccountNames } from "../../../components/builders/serviceAccount";
import { stackObjects } from "../../../components/builders/stack";
import { webhookPlaceholder } from "../../../infra/config/stackFile";
import { parseStackConfig } from "../../../infra/config/parse";
import { serviceAccountOf, type StackConfig } from "../../../infra/config/schema";
import { everythingConfig, everythingValues, problemsOf, staticService, withService } from "../../helpers/configFixtures";
import { minimalStackValues, referenceStackConfig } from "../../helpers/stackFiles";
import { projectConfigValues } from "../../../infra/config/configValues";
import { dict, list } from "../../../policies/rules/lib/objects";

/** `cluster.local/ns/<ns>/sa/<name>` of every ALLOW rule of every AuthorizationPolicy. */
function allowedPrincipals(config: StackConfig): string[] {
  return stackObjects(config, webhookPlaceholder)
    .filter((o) => o.kind === "AuthorizationPolicy")
    .flatMap((o) => list(dict(o.spec).rules))
    .flatMap((rule) => list(dict(rule).from))
    .flatMap((from) => list(dict(dict(from).source).principals) as string[]);
}

const declaredAccounts = (config: StackConfig) =>
  stackObjects(config, webhookPlaceholder)
    .filter((o) => o.kind === "ServiceAccount")
    .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

describe("workload identities", () => {
  it("declares a ServiceAccount in the service's namespace, named as the stack says", () => {
    assert.deepEqual(serviceAccount("cart-sa", "shop"), {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: {
        name: "cart-sa",
        namespace: "shop",
        labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "mesh-platform" },
      },
    });
    const config = everythingConfig();
    assert.deepEqual(declaredAccounts(config), ["shop/cart-sa", "shop/checkout", "search/search-api"]);
  });

  const stacks: [string, StackConfig][] = [
    ["everything", everythingConfig()],
    ["reference production", parseStackConfig(projectConfigValues(referenceStackConfig("production")))],
    ["reference staging", parseStackConfig(projectConfigValues(referenceStackConfig("staging")))],
  ];
  for (const [title, config] of stacks) {
    it(`allows callers from service namespaces only by a ServiceAccount the stack declares or adopts (${title})`, () => {
      const serviceNamespaces = new Set(config.namespaces.map((ns) => ns.name));
      const adopted = config.services.filter((s) => !s.createServiceAccount).map((s) => `${s.namespace}/${serviceAccountOf(s)}`);
      const known = new Set([...declaredAccounts(config), ...adopted]);
      const fromServiceNamespaces = allowedPrincipals(config)
        .map((principal) => /^cluster\.local\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(principal))
        .filter((match): match is RegExpExecArray => match !== null && serviceNamespaces.has(match[1]))
        .map(([, namespace, name]) => `${namespace}/${name}`);
      assert.ok(fromServiceNamespaces.length > 0, "the stack allows some service caller");
      assert.deepEqual(
        fromServiceNamespaces.filter((account) => !known.has(account)),
        [],
      );
    });
  }

  it("creates a ServiceAccount shared by several services once, and none that a team brings", () => {
    const values = everythingValues();
    const services = values.services as Record<string, unknown>[];
    services[0].serviceAccount = "shop-apps";
    services[2].serviceAccount = "shop-apps";
    services[1].createServiceAccount = false;
    const config = parseStackConfig(values);
    assert.deepEqual(stackServiceAccountNames("shop", config.services), ["shop-apps"]);
    assert.deepEqual(stackServiceAccountNames("search", config.services), []);
    assert.deepEqual(declaredAccounts(config), ["shop/shop-apps"]);
  });

  it("refuses the namespace's default ServiceAccount and a shared one that two owners claim", () => {
    assert.deepEqual(problemsOf(withService(staticService({ serviceAccount: "default" }))), [
      'mesh-platform:services[0].serviceAccount: is the namespace\'s shared identity, which every pod without a serviceAccountName runs as; give the service one of its own (got "default")',
    ]);
    const values = {
      ...minimalStackValues(),
      services: [
        staticService({ name: "a", serviceAccount: "shared" }),
        staticService({ name: "b", serviceAccount: "shared", createServiceAccount: false }),
      ],
    };
    assert.deepEqual(problemsOf(values), [
      "mesh-platform:services[1].createServiceAccount: disagrees with services[0] (a), which runs as the same ServiceAccount shared: either the stack creates it or the team does (got false)",
    ]);
  });
});
