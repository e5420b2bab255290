/**
 * Runs a command body. Every failure (bad arguments, bad config, unreadable input) becomes a
 * one-line message and exit code 2, never a stack trace; set MESH_DEBUG=1 to see the trace.
 */
export function runCommand(body: () => number): void {
  try {
    process.exitCode = body();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (process.env.MESH_DEBUG && error instanceof Error) {
      console.error(error.stack);
    }
    process.exitCode = 2;
  }
}
