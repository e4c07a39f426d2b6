// The worker process: `npm run worker`. Runs every long job; see lib/queue/contracts.ts.
import "dotenv/config";
import { checkRedis, createWorker, runDeps } from "./worker";
import { reconcileRuns } from "../lib/server/runs/monitor";
import { probeAgents } from "../lib/server/runs/pool";
import { enqueue } from "../lib/server/queue";
import { jobs } from "../lib/queue/contracts";
import { disconnectDb } from "../lib/server/db";
import { reconcileEvals } from "../lib/server/evals/run-eval";
import { emptyTrash, TRASH_DAYS } from "../lib/server/projects/trash";
import { reconcileGenerations } from "../lib/server/generate/generations";
import { generationLeaseMs } from "../lib/server/generate/run-generation";

async function main() {
  try {
    await checkRedis();
  } catch (e) {
    console.error(`[worker] ${(e as Error).message}`);
    process.exit(1);
  }
  const { worker, connection } = createWorker();
  let lastError = "";
  worker.on("error", (e) => {
    // Log each distinct connection error once, not once per retry.
    if (e.message !== lastError) console.error(`[worker] ${e.message}`);
    lastError = e.message;
  });
  worker.on("ready", () => (lastError = ""));
  worker.on("failed", (job, e) => console.error(`[worker] job ${job?.name} ${job?.id} failed: ${e.message}`));
  worker.on("completed", (job) => console.log(`[worker] job ${job.name} ${job.id} done`));
  console.log("[worker] ready");

  // Runs whose monitoring job was lost (worker killed, Redis restarted) are picked up again.
  // Agents' health first, so runs waiting for a GPU are placed on what is up now.
  const reconcile = () =>
    probeAgents()
      .catch((e) => console.error(`[worker] probing GPU agents: ${(e as Error).message}`))
      .then(() => reconcileRuns(
      {
        ...runDeps,
        resubmit: (runId) => enqueue(jobs.submitRun.name, { runId }, `${jobs.submitRun.jobId({ runId })}-r${Date.now()}`),
      },
      Number(process.env.TOOLTUNE_RECONCILE_STALE_MS ?? 120_000),
    ))
      .then((n) => n > 0 && console.log(`[worker] reconciled ${n} run(s)`))
      .then(() => reconcileEvals((evalId) => enqueue(jobs.runEval.name, { evalId }, jobs.runEval.jobId({ evalId, seq: Date.now() }), { attempts: 3 })))
      .then((n) => n > 0 && console.log(`[worker] resumed ${n} eval(s)`))
      .then(() =>
        reconcileGenerations(
          (generationId) => enqueue(jobs.generateCandidates.name, { generationId }, jobs.generateCandidates.jobId({ generationId, seq: Date.now() }), { attempts: 3 }),
          generationLeaseMs(),
        ),
      )
      .then((n) => n > 0 && console.log(`[worker] resumed ${n} generation(s)`))
      .then(() => emptyTrash({ expiredOnly: true }))
      .then((n) => n > 0 && console.log(`[worker] removed ${n} project(s) from the trash after ${TRASH_DAYS} days`))
      .catch((e) => console.error(`[worker] reconcile: ${(e as Error).message}`));
  const reconcileMs = Number(process.env.TOOLTUNE_RECONCILE_MS ?? 60_000);
  void reconcile();
  const reconciler = setInterval(reconcile, reconcileMs);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) process.exit(1); // a second signal forces exit
    closing = true;
    clearInterval(reconciler);
    console.log(`[worker] ${signal}: finishing running jobs`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await worker.close();
    await connection.quit().catch(() => {});
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

void main();
