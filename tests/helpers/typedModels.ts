/**
 * Emitted objects against the typed models of `@kubernetes-models/*` (generated from each
 * project's CRDs): types, enums, patterns and required fields.
 */
import { strict as assert } from "node:assert";
import { projectConfigValues } from "../../infra/config/configValues";
import { parseStackConfig } from "../../infra/config/parse";
import type { StackConfig } from "../../infra/config/schema";
import type { K8sObject } from "../../policies/vocabulary/k8sObject";
import { everythingConfig } from "./configFixtures";
import { stackFileConfig, stackNames } from "./stackFiles";

interface Model {
  validate(): void;
}
export type ModelClass = new (data: object) => Model;
/** Model loaders by `<apiVersion>/<kind>`. */
export type ModelLoaders = Record<string, () => Promise<ModelClass>>;

/**
 * Why the model refuses an object (the first line of its message), or undefined when it accepts
 * it; fails for a kind without a model, naming the family (`Istio`) whose loaders lack it.
 */
export async function modelError(models: ModelLoaders, family: string, object: K8sObject): Promise<string | undefined> {
  const load = models[`${object.apiVersion}/${object.kind}`];
  assert.ok(load, `no ${family} model for ${object.apiVersion} ${object.kind}: add it to MODELS`);
  const Model = await load();
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

/** The stacks whose objects the model specs judge: every project stack file, and the fixture with every option. */
export function modelStacks(): [string, StackConfig][] {
  return [
    ...stackNames().map((name): [string, StackConfig] => [name, parseStackConfig(projectConfigValues(stackFileConfig(name)))]),
    ["every option", everythingConfig()],
  ];
}
