import { strict as assert } from "node:assert";
import { canaryTls } from "../../../policies/rules/canaryTls";
import type { K8sObject } from "../../../policies/vocabulary/k8sObject";
import { validateStackObjects, validObjects, withField } from "../policyHarness";

const messages = (objects: K8sObject[]) => validateStackObjects(canaryTls, objects).map((r) => r.message);
const disabled = (objects = validObjects()) =>
  objects.map((o) =>
    o.kind === "Canary" && o.metadata.name === "cart" ? withField(o, "spec.service.trafficPolicy.tls.mode", "DISABLE") : o,
  );
const isShopStrict = (o: K8sObject) => o.kind === "PeerAuthentication" && o.metadata.namespace === "shop" && o.metadata.name === "default";

describe("canary-tls", () => {
  it("passes Canaries on ISTIO_MUTUAL", () => {
    assert.deepEqual(messages(validObjects()), []);
  });

  it("flags a Canary disabling TLS in a STRICT namespace", () => {
    assert.deepEqual(messages(disabled()), [
      "Canary shop/cart: service.trafficPolicy.tls.mode is DISABLE while namespace shop requires STRICT mutual TLS: requests would fail with 503; use ISTIO_MUTUAL",
    ]);
  });

  it("flags it under a mesh-wide STRICT policy too, and not where nothing requires mutual TLS", () => {
    const noNamespacePolicy = disabled(validObjects().filter((o) => !isShopStrict(o)));
    assert.deepEqual(messages(noNamespacePolicy), []);
    const meshWide = withField(validObjects().find(isShopStrict)!, "metadata.namespace", "istio-system");
    assert.deepEqual(messages([...noNamespacePolicy, meshWide]), [
      "Canary shop/cart: service.trafficPolicy.tls.mode is DISABLE while namespace istio-system requires STRICT mutual TLS: requests would fail with 503; use ISTIO_MUTUAL",
    ]);
  });
});
