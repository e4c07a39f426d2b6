// The real ToolTune GPU agent (workers/gpu-agent, Python) on loopback for the tests, with the trainer
// and inference stand-ins that live with its tests (no torch here).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export const AGENT_ROOT = path.resolve("workers/gpu-agent");
const STANDINS = path.join(AGENT_ROOT, "tests");

export interface AgentProcess {
  child: ChildProcess;
  port: number;
  /** Stops it (SIGTERM, or SIGKILL to simulate a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts an agent (on `port`, or a free one) and resolves when it prints LISTENING. */
export function startAgent(opts: { token: string; dataDir: string; modelsDir?: string; port?: number; env?: Record<string, string>; inferenceCmd?: string }): Promise<AgentProcess> {
  const args = ["-m", "tooltune_agent", "--host", "127.0.0.1", "--port", String(opts.port ?? 0), "--token", opts.token, "--data-dir", opts.dataDir];
  if (opts.modelsDir) args.push("--models-dir", opts.modelsDir);
  args.push("--trainer-cmd", `python3 ${path.join(STANDINS, "standin_trainer.py")}`, "--inference-cmd", opts.inferenceCmd ?? `python3 ${path.join(STANDINS, "standin_inference.py")}`, "--cancel-grace", "2");
  const child = spawn("python3", args, { cwd: AGENT_ROOT, env: { ...process.env, PYTHONPATH: AGENT_ROOT, ...opts.env }, stdio: ["ignore", "pipe", "inherit"] });
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) => {
      if (line.startsWith("LISTENING ")) resolve({ child, port: Number(line.split(" ")[1]), stop });
      else reject(new Error(`the agent said: ${line}`));
    });
    child.once("exit", (code) => reject(new Error(`the agent exited with ${code}`)));
  });
}

/** The agent's own list of its jobs (newest first, as its API lists them). */
export async function agentJobs(port: number, token: string): Promise<{ id: string; status: string; created_at: number; finished_at: number | null; metadata: Record<string, string> | null }[]> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/fine_tuning/jobs?limit=100`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()).data;
}
