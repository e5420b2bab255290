import { strict as assert } from "node:assert";
import { principal } from "../../../components/builders/names";
import { stackObjects } from "../../../components/builders/stack";
import { projectConfigValues } from "../../../infra/config/configValues";
import { parseStackConfig } from "../../../infra/config/parse";
import { isAllowed, type Workload } from "../../helpers/meshAuthorization";
import { referenceStackConfig } from "../../helpers/stackFiles";

/**
 * Under deny-by-default, every path a rollout uses is open and nothing else is. Callers and pods
 * of the reference production stack: Flagger's controller (outside the mesh, plain text), the load
 * tester, the ingress gateway and the two services; each pod group on its own port and on another.
 */
describe("the paths a rollout uses, under deny-by-default", () => {
  const objects = stackObjects(parseStackConfig(projectConfigValues(referenceStackConfig("production"))), () => "secret");
  const callers: Record<string, string | undefined> = {
    "flagger controller (plain text)": undefined,
    "load tester": principal("flagger-loadtester", "flagger-loadtester"),
    "ingress gateway": principal("istio-ingress", "istio-ingressgateway"),
    "user-service": principal("production", "user-service"),
    "payment-service": principal("production", "payment-service"),
    "another workload": principal("production", "default"),
  };
  const pods: Record<string, { workload: Workload; port: number }> = {
    "load tester": { workload: { namespace: "flagger-loadtester", labels: { app: "loadtester" } }, port: 8080 },
    "user-service canary": { workload: { namespace: "production", labels: { app: "user-service" } }, port: 3000 },
    "user-service primary": { workload: { namespace: "production", labels: { app: "user-service-primary" } }, port: 3000 },
    "payment-service": { workload: { namespace: "production", labels: { app: "payment-service", version: "stable" } }, port: 8080 },
  };

  it("opens exactly Flagger's webhook calls, the load tester's calls to canaries, the ingress and the declared calls", () => {
    const open: string[] = [];
    for (const [from, callerPrincipal] of Object.entries(callers)) {
      for (const [to, { workload, port }] of Object.entries(pods)) {
        for (const tryPort of [port, 9999]) {
          if (isAllowed(objects, { principal: callerPrincipal, to: workload, port: tryPort })) {
            open.push(`${from} -> ${to}:${tryPort}`);
          }
        }
      }
    }
    assert.deepEqual(open, [
      "flagger controller (plain text) -> load tester:8080",
      "load tester -> user-service canary:3000",
      "ingress gateway -> user-service canary:3000",
      "ingress gateway -> user-service primary:3000",
      "ingress gateway -> payment-service:8080",
      "user-service -> payment-service:8080",
    ]);
  });

  it("would leave every pod open without the namespaces' allow-nothing policies, which is why they are there", () => {
    const withoutDefaultDeny = objects.filter((o) => !(o.kind === "AuthorizationPolicy" && o.metadata.name === "allow-nothing"));
    const payment = pods["payment-service"];
    // payment-service has its own ALLOW policy; the namespace-wide one is what closes a pod without one.
    const unguarded = { namespace: "production", labels: { app: "reporting" } };
    assert.equal(isAllowed(objects, { principal: callers["another workload"], to: unguarded, port: 8080 }), false);
    assert.equal(isAllowed(withoutDefaultDeny, { principal: callers["another workload"], to: unguarded, port: 8080 }), true);
    assert.equal(
      isAllowed(withoutDefaultDeny, { principal: callers["another workload"], to: payment.workload, port: payment.port }),
      false,
    );
  });
});
