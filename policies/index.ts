// The CrossGuard pack. Run it with:
//   pulumi preview --policy-pack policies --policy-pack-config policies/config/<stack>.json
// Only the construction lives here: it starts a gRPC server, so tests import ./crossguard.
import { PolicyPack } from "@pulumi/policy";
import { crossGuardPolicies } from "./crossguard";

new PolicyPack("mesh-guardrails", { policies: crossGuardPolicies() });
