/**
 * npm run bench:tests: what npm test costs, measured against a bare `tsc --noEmit` in the same run
 * (target: at most 3x), and whether the specs pass while two CPU-bound processes run beside them,
 * as on a busy 2-core CI machine. It reports; a speed target belongs here, never in a spec.
 */
import { spawn, spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import * as os from "node:os";

const TARGET_RATIO = 3;
const BUSY_PROCESSES = 2;

function timedRun(command: string, args: string[]): { seconds: number; status: number | null; output: string } {
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  return { seconds: (performance.now() - start) / 1000, status: run.status, output: `${run.stdout}${run.stderr}` };
}

function report(label: string, run: { seconds: number; status: number | null; output: string }): void {
  console.log(`${label}: ${run.seconds.toFixed(1)} s, exit ${run.status}`);
  if (run.status !== 0) {
    console.log(run.output.split("\n").slice(-30).join("\n"));
  }
}

function main(): void {
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, load ${os.loadavg()[0].toFixed(2)}, node ${process.version}`,
  );
  const tsc = timedRun("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
  report("tsc --noEmit", tsc);
  const test = timedRun("npm", ["test"]);
  report("npm test", test);
  console.log(`npm test / tsc: ${(test.seconds / tsc.seconds).toFixed(2)}x (target <= ${TARGET_RATIO}x)`);

  // Two processes that only burn CPU, for as long as the specs run.
  const burners = Array.from({ length: BUSY_PROCESSES }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  try {
    const busy = timedRun("npm", ["run", "-s", "test:specs"]);
    report(`specs beside ${BUSY_PROCESSES} CPU-bound processes`, busy);
    console.log(`specs on a busy machine: ${busy.status === 0 ? "pass" : "FAIL"} (target: pass)`);
  } finally {
    burners.forEach((burner) => burner.kill());
  }
}

main();
