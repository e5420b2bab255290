/**
 * Runs Pulumi code in-process under mocks and records every resource: its type, name, parent,
 * explicit dependencies, provider, protection, aliases and inputs. Any provider function call
 * other than the few mocked here fails the run, so a test cannot silently depend on a cloud
 * lookup; and, as in the real engine, two resources with one URN (the same parent type chain,
 * type and name) fail it too.
 */
import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
  type: string;
  name: string;
  /** `type::name` of the parent, or undefined for top-level resources. */
  parent?: string;
  /** `type::name` of each explicit `dependsOn` entry. */
  dependsOn: string[];
  protect?: boolean;
  /** The aliases the resource was declared with. */
  aliases: unknown[];
  /** The resource's own `transforms`, so a test can run them on a child it cannot see under mocks. */
  transforms: pulumi.ResourceTransform[];
  /** Provider reference the engine would use (`urn::id`), for custom resources. */
  provider?: string;
  /** Inputs as the mock monitor received them (Outputs resolved, secrets unwrapped). */
  inputs: Record<string, unknown>;
  /** The properties exactly as the program passed them (Outputs and secrets intact). */
  props: Record<string, unknown>;
}

export interface Recording {
  resources: RecordedResource[];
  calls: string[];
  outputs: unknown;
  /** The single resource with this type and name; fails loudly otherwise. */
  get(type: string, name: string): RecordedResource;
  ofType(type: string): RecordedResource[];
}

/** Canned answers for the provider functions the program is allowed to call. */
const CALL_RESULTS: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
  "aws:eks/getCluster:getCluster": (args) => ({
    name: args.name,
    endpoint: `https://${String(args.name)}.eks.example`,
    certificateAuthorities: [{ data: "Q0EtREFUQQ==" }],
    vpcConfig: { clusterSecurityGroupId: "sg-0c1a55e7" },
  }),
};

export const key = (type: string, name: string) => `${type}::${name}`;

/**
 * Sets config (values as the Pulumi CLI would pass them: JSON strings for structured values),
 * then runs `program` as the body of a stack and waits for every registration.
 */
export async function runUnderMocks(
  config: Record<string, string>,
  program: () => unknown,
  options: { secretKeys?: string[]; into?: RecordedResource[] } = {},
): Promise<Recording> {
  // `into` lets a test see what was registered even when the program throws.
  const resources: RecordedResource[] = options.into ?? [];
  const byResource = new Map<pulumi.Resource, RecordedResource>();
  const pending = new Map<string, RecordedResource>();
  const calls: string[] = [];
  const callErrors: string[] = [];
  const qualifiedTypes = new Map<pulumi.Resource, string>();
  const urns = new Set<string>();
  const duplicates: string[] = [];

  pulumi.runtime.setAllConfig(config, options.secretKeys);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const record = pending.get(key(args.type, args.name));
        if (record) {
          record.inputs = args.inputs;
          record.provider = args.provider;
        }
        const state = args.type === "kubernetes:helm.sh/v4:Chart" ? { ...args.inputs, resources: [] } : args.inputs;
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        calls.push(args.token);
        const answer = CALL_RESULTS[args.token];
        if (!answer) {
          callErrors.push(args.token);
          throw new Error(`unmocked provider call ${args.token}`);
        }
        return answer(args.inputs);
      },
    },
    "mesh-platform",
    "test",
    false,
  );

  const outputs = await pulumi.runtime.runInPulumiStack(() => {
    pulumi.runtime.registerStackTransformation((args) => {
      const record: RecordedResource = {
        type: args.type,
        name: args.name,
        parent: recordKey(args.opts.parent, byResource),
        dependsOn: dependencyKeys(args.opts.dependsOn, byResource),
        protect: args.opts.protect,
        aliases: [...((args.opts.aliases as unknown[] | undefined) ?? [])],
        transforms: [...(args.opts.transforms ?? [])],
        inputs: {},
        props: args.props ?? {},
      };
      // The engine's URN: the parent's type chain, the type and the name.
      const parentType = args.opts.parent ? qualifiedTypes.get(args.opts.parent) : undefined;
      const qualifiedType = parentType ? `${parentType}$${args.type}` : args.type;
      qualifiedTypes.set(args.resource, qualifiedType);
      const urn = `${qualifiedType}::${args.name}`;
      if (urns.has(urn)) {
        duplicates.push(urn);
      }
      urns.add(urn);
      resources.push(record);
      byResource.set(args.resource, record);
      pending.set(key(args.type, args.name), record);
      return undefined;
    });
    return Promise.resolve(program());
  });
  // Registrations reach the mock monitor asynchronously; wait for all of them before reading inputs.
  // (`waitForRPCs` is exported by the runtime but missing from its type declarations.)
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  if (callErrors.length > 0) {
    throw new Error(`the program called unmocked provider functions: ${callErrors.join(", ")}`);
  }
  if (duplicates.length > 0) {
    throw new Error(`Duplicate resource URN: ${duplicates.join(", ")}`);
  }

  return {
    resources,
    calls,
    outputs,
    get(type, name) {
      const found = resources.filter((r) => r.type === type && r.name === name);
      if (found.length !== 1) {
        throw new Error(
          `expected one ${type} named ${name}, found ${found.length}; registered: ${resources.map((r) => key(r.type, r.name)).join(", ")}`,
        );
      }
      return found[0];
    },
    ofType(type) {
      return resources.filter((r) => r.type === type);
    },
  };
}

/** `type::name` of a recorded resource; undefined for the stack itself (not recorded). */
function recordKey(resource: unknown, byResource: Map<pulumi.Resource, RecordedResource>): string | undefined {
  const record = resource ? byResource.get(resource as pulumi.Resource) : undefined;
  return record ? key(record.type, record.name) : undefined;
}

function dependencyKeys(dependsOn: unknown, byResource: Map<pulumi.Resource, RecordedResource>): string[] {
  const list = Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : [];
  return list.map((resource) => recordKey(resource, byResource) ?? "<unrecorded resource>");
}

/** Resolves an Output's value and secretness (for asserting on component outputs). */
export async function unwrap<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const internal = output as unknown as { promise(withUnknowns?: boolean): Promise<T>; isSecret: Promise<boolean> };
  return { value: await internal.promise(), secret: await internal.isSecret };
}
