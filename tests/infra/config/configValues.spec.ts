import { strict as assert } from "node:assert";
import {
  encryptedPlaceholder,
  projectConfigValues,
  readProjectConfig,
  stackFileEntries,
  type ConfigEntry,
} from "../../../infra/config/configValues";

const plain = (value: unknown): ConfigEntry => ({ value, secret: false });
const secret = (value: unknown): ConfigEntry => ({ value, secret: true });

describe("reading config entries", () => {
  it("decodes JSON values, keeps plain strings, and leaves other providers' keys and secret keys out", () => {
    const values = projectConfigValues({
      "aws:region": "eu-west-1",
      "mesh-platform:services": "[]",
      "mesh-platform:protectCrdCharts": "false",
      "mesh-platform:note": "plain text",
      "mesh-platform:cluster": { kind: "kubeconfig" },
    });
    assert.deepEqual(values, { services: [], protectCrdCharts: false, note: "plain text", cluster: { kind: "kubeconfig" } });
  });

  it("names keys that look like ours but are not, and keys without a namespace", () => {
    const read = readProjectConfig({
      "mesh_platform:services": plain("[]"),
      "mesh-platfrom:namespaces": plain("[]"),
      "Mesh-Platform:flagger": plain("{}"),
      services: plain("[]"),
      "aws:region": plain("eu-west-1"),
      "kubernetes:context": plain("prod"),
    });
    assert.deepEqual(read.problems, [
      "mesh_platform:services: looks like a mistyped mesh-platform:services; every key of this project starts with mesh-platform:",
      "mesh-platfrom:namespaces: looks like a mistyped mesh-platform:namespaces; every key of this project starts with mesh-platform:",
      "Mesh-Platform:flagger: looks like a mistyped mesh-platform:flagger; every key of this project starts with mesh-platform:",
      "services: has no namespace, so the program never reads it; write it as mesh-platform:services",
    ]);
    assert.deepEqual(read.values, {});
  });

  it("refuses secret-looking values in plain text, naming the key path and never the value", () => {
    const read = readProjectConfig({
      "mesh-platform:flagger": plain(JSON.stringify({ metricsServer: "https://admin:hunter2@prom.example" })),
      "mesh-platform:services": plain(
        JSON.stringify([{ canary: { loadTest: { command: "curl https://hooks.slack.com/services/T0/B0/xyz" } } }]),
      ),
      "mesh-platform:alertWebhookUrls": plain(JSON.stringify({ deploys: "https://hooks.slack.com/services/T0/B0/xyz" })),
    });
    assert.deepEqual(read.problems, [
      "mesh-platform:flagger.metricsServer: holds a URL with credentials in plain text; set it with `pulumi config set --secret --path 'flagger.metricsServer' <value>`",
      "mesh-platform:services[0].canary.loadTest.command: holds a Slack webhook URL in plain text; " +
        "set it with `pulumi config set --secret --path 'services.0.canary.loadTest.command' <value>`",
      "mesh-platform:alertWebhookUrls: holds webhook URLs in plain text; set each with `pulumi config set --secret --path 'alertWebhookUrls.<provider>' <url>`",
    ]);
    assert.ok(read.problems.every((problem) => !problem.includes("hunter2") && !problem.includes("xyz")));
  });

  it("checks each webhook URL without showing it, records which providers have one, and refuses the retired key", () => {
    const read = readProjectConfig({
      "mesh-platform:alertWebhookUrls": secret(JSON.stringify({ deploys: "http://hooks.example/abc", "on-call": "https://x.example/y" })),
      "mesh-platform:slackWebhookUrl": secret("https://hooks.slack.com/services/T0/B0/xyz"),
    });
    assert.deepEqual(read.problems, [
      "mesh-platform:alertWebhookUrls.deploys: must be an https:// incoming-webhook URL (the value is secret and not shown)",
      "mesh-platform:slackWebhookUrl: was replaced by alertWebhookUrls.<provider> for a provider of flagger.alertProviders: " +
        "run `pulumi config set --secret --path 'alertWebhookUrls.<provider>' <url>` and `pulumi config rm slackWebhookUrl`",
    ]);
    assert.deepEqual([...read.alertWebhookNames!], ["deploys", "on-call"]);
    assert.deepEqual(read.values, {});
    assert.deepEqual(readProjectConfig({ "mesh-platform:alertWebhookUrls": secret('"https://one.example"') }).problems, [
      "mesh-platform:alertWebhookUrls: must map each alert provider's name to its webhook URL: run `pulumi config set --secret --path 'alertWebhookUrls.<provider>' <url>`",
    ]);
  });

  it("collects every string set as a secret, so that what carries one can be kept secret", () => {
    const read = readProjectConfig({
      "mesh-platform:flagger": secret(JSON.stringify({ metricsServer: "http://u:p@prom:9090", replicas: 2 })),
      "mesh-platform:namespaces": plain(JSON.stringify([{ name: "apps" }])),
    });
    assert.deepEqual(read.problems, []);
    assert.deepEqual([...read.secretValues], ["http://u:p@prom:9090"]);
    assert.deepEqual(read.values, { flagger: { metricsServer: "http://u:p@prom:9090", replicas: 2 }, namespaces: [{ name: "apps" }] });
  });

  describe("stack file entries", () => {
    it("leaves a whole secure: value unread and puts a placeholder where a nested one sat", () => {
      const entries = stackFileEntries({
        "mesh-platform:alertWebhookUrls": { secure: "v1:abc" },
        "mesh-platform:flagger": { metricsServer: { secure: "v1:def" }, replicas: 2, namespace: "flagger" },
        "mesh-platform:namespaces": [{ name: "apps" }],
      });
      assert.deepEqual(entries, {
        "mesh-platform:alertWebhookUrls": { value: undefined, secret: true },
        "mesh-platform:flagger": {
          value: { metricsServer: encryptedPlaceholder("flagger.metricsServer"), replicas: 2, namespace: "flagger" },
          secret: true,
          plainTextPaths: [["namespace"]],
        },
        "mesh-platform:namespaces": { value: [{ name: "apps" }], secret: false },
      });
      assert.equal(encryptedPlaceholder("flagger.metricsServer"), "https://secret.invalid/flagger.metricsServer");
      const read = readProjectConfig(entries);
      assert.deepEqual(read.problems, []);
      // Only what was encrypted counts as a secret; the plain text beside it does not.
      assert.deepEqual([...read.secretValues], [encryptedPlaceholder("flagger.metricsServer")]);
      // Encrypted as a whole, the URLs' names cannot be read offline: nothing is required of them.
      assert.equal(read.alertWebhookNames, undefined);
    });

    it("refuses a secret-looking value left in plain text beside an encrypted one", () => {
      const read = readProjectConfig(
        stackFileEntries({
          "mesh-platform:flagger": { metricsServer: "http://admin:hunter2@prom:9090", other: { secure: "v1:def" } },
        }),
      );
      assert.deepEqual(read.problems, [
        "mesh-platform:flagger.metricsServer: holds a URL with credentials in plain text; set it with `pulumi config set --secret --path 'flagger.metricsServer' <value>`",
      ]);
    });

    it("refuses a project key encrypted as a whole, which the offline tools cannot review", () => {
      const read = readProjectConfig(stackFileEntries({ "mesh-platform:services": { secure: "v1:abc" } }));
      assert.deepEqual(read.problems, [
        "mesh-platform:services: is encrypted as a whole, so the offline tools (render, check, plan) cannot read it; " +
          "encrypt only the secret part with `pulumi config set --secret --path 'services.<field>' <value>`",
      ]);
    });
  });
});
