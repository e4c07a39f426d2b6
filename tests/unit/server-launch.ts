// Starts a test server's standalone entry point (`tsx main.ts ARGS`) for the CLI tests of every local
// API test server (tests/support/*-server).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const launched = new Set<ChildProcess>();

/**
 * Runs `tsx <main> ARGS` (a path from the repository root); resolves with its port once it prints
 * LISTENING, or with its exit code when it exits first. stopLaunched() ends what is still running.
 */
export function launchServerMain(main: string, args: string[]): Promise<{ port: number; output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, main), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    launched.add(proc);
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no LISTENING line: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /^LISTENING (\d+)$/m.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), output, code: null });
      }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.on("exit", (code) => {
      clearTimeout(timer);
      launched.delete(proc);
      resolve({ port: 0, output, code });
    });
  });
}

export function stopLaunched() {
  for (const proc of launched) proc.kill("SIGTERM");
  launched.clear();
}
