/**
 * What the offline tools say about a stack besides their output: things that will not stop them
 * but will stop or silently break the real deployment. render and plan print them on standard
 * error; check reports them as notes.
 */
import * as path from "node:path";
import { describeMissingSecret, stackFilePath, type StackFile } from "../config/stackFile";
import { PROJECT } from "../config/keys";
import { analysisTrafficWarnings } from "./analysisTrafficReport";
import { lockedOutServices } from "./reachability";

/** The secrets the stack file lacks. */
export function secretWarnings(stack: string, loaded: StackFile): string[] {
  const file = path.basename(stackFilePath(stack));
  return loaded.missingSecrets.map((missing) => describeMissingSecret(missing, file));
}

/** The secrets the stack file lacks, the services nothing may call, then what their canaries' analysis traffic lacks. */
export function stackWarnings(stack: string, loaded: StackFile): string[] {
  return [
    ...secretWarnings(stack, loaded),
    ...lockedOutServices(loaded.config).map(
      ({ service, key, message }) => `${PROJECT}:${key} (${service.namespace}/${service.name}): ${message}`,
    ),
    ...analysisTrafficWarnings(loaded.config, PROJECT),
  ];
}
