/**
 * What the offline tools say about a stack besides their output: things that will not stop them
 * but will stop or silently break the real deployment. render and plan print them on standard
 * error; check reports them as notes.
 */
import * as path from "node:path";
import { describeMissingSecret, stackFilePath, type StackFile } from "../config/stackFile";

export function stackWarnings(stack: string, loaded: StackFile): string[] {
  const file = path.basename(stackFilePath(stack));
  return loaded.missingSecrets.map((missing) => describeMissingSecret(missing, file));
}

export function printWarnings(warnings: readonly string[]): void {
  for (const warning of warnings) {
    console.error(`warning: ${warning}`);
  }
}
