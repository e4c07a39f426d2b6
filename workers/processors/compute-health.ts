// Computes the health report of a split too large for a request, and stores it where every web
// process reads it (lib/server/datasets/health-store.ts).
import { UnrecoverableError } from "bullmq";
import type { ComputeHealthPayload } from "../../lib/queue/contracts";
import { throttledProgress, type HealthProgress } from "../../lib/datasets/health-progress";
import { AppError } from "../../lib/server/errors";
import { computeProjectHealth, healthLineCount } from "../../lib/server/datasets/health";
import { dataState, storedReport, storeReport } from "../../lib/server/datasets/health-store";

export interface ComputeHealthDeps {
  progress: (p: HealthProgress) => Promise<void> | void;
}

export async function computeHealthJob(payload: ComputeHealthPayload, deps: ComputeHealthDeps) {
  let state: string;
  try {
    state = await dataState(payload.projectId);
  } catch (e) {
    // The project was deleted after the job was queued: retrying will not bring it back.
    if (e instanceof AppError && e.code === "not_found") throw new UnrecoverableError(e.message);
    throw e;
  }
  // The data changed after the request: whoever asks now asks about the new state, which has a job of its own.
  if (state !== payload.state) return { state, superseded: payload.state };
  // Another job for the same state (queued again after this one finished) finds the report made.
  if (await storedReport(payload, state)) return { state, reused: true };
  const total = await healthLineCount(payload.projectId, payload.split);
  const onLine = throttledProgress(total, (p) => void Promise.resolve(deps.progress(p)).catch(() => {}));
  const report = await computeProjectHealth(payload.projectId, payload.split, payload, onLine);
  // Stored under the state read before counting: if the data changed meanwhile, no later request
  // asks for that state, and the new state gets a job of its own.
  await storeReport(payload, state, report);
  return { state, examples: report.examples };
}
