/** Runs the `cp-audit` command as a user does (`node bin/cp-audit.mjs …`, through tsx, no build step). */
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

const BIN = join(resolve(import.meta.dirname, "..", ".."), "bin", "cp-audit.mjs");

/** What a run printed and its exit code. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cp-audit args…` in `cwd`. */
export function runCli(args: string[], cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NODE_OPTIONS: "" } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    p.on("error", fail);
    p.on("close", (code) => done({ code, stdout, stderr }));
  });
}
