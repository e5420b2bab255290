// Runs a TypeScript program the way `pulumi preview` does, but against mocks: Pulumi's own
// language runtime (`@pulumi/pulumi/cmd/run`) compiles it with its ts-node and the project's
// TypeScript from the program directory, exactly as the engine launches it. Plain JavaScript on
// purpose: no test runner's TypeScript hooks may take part in the compile.
//
//   node runLikePulumi.cjs <project root> <program directory> <entry point> <config JSON> <secret keys JSON>
//
// Prints "registered <n> resources" and exits 0 when the program ran; exits non-zero with the
// error the runtime logged otherwise.
"use strict";
const path = require("node:path");

const [projectRoot, programDirectory, entryPoint, configJson, secretKeysJson] = process.argv.slice(2);
const fromProject = (request) => require(require.resolve(request, { paths: [projectRoot] }));
const pulumi = fromProject("@pulumi/pulumi");

process.env.PULUMI_NODEJS_TYPESCRIPT = "true";
// As the language host hands them over: every value, and which keys were set with --secret.
pulumi.runtime.setAllConfig(JSON.parse(configJson ?? "{}"), JSON.parse(secretKeysJson ?? "[]"));

let registered = 0;
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered += 1;
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) =>
      args.token === "aws:eks/getCluster:getCluster"
        ? { endpoint: "https://example.eks", certificateAuthorities: [{ data: "Q0E=" }], vpcConfig: { clusterSecurityGroupId: "sg-1" } }
        : {},
  },
  "mesh-platform",
  "compile",
  false,
);

// Launch the runtime as the language host does: `node @pulumi/pulumi/cmd/run --monitor … --pwd <program
// directory> <entry point>`. Its main runs on load; the mocks above stand in for the monitor.
process.argv = [process.argv[0], require.resolve("@pulumi/pulumi/cmd/run", { paths: [projectRoot] })];
process.argv.push(
  "--monitor",
  "127.0.0.1:0",
  "--project",
  "mesh-platform",
  "--stack",
  "compile",
  "--pwd",
  path.resolve(programDirectory),
  entryPoint,
);
process.on("exit", () => {
  if (!process.exitCode) {
    console.log(`registered ${registered} resources`);
  }
});
fromProject("@pulumi/pulumi/cmd/run");
