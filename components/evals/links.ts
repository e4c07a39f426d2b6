// Links into the eval screens from elsewhere (run page, checkpoints). Pure.

/** The evals page with the new-eval form open and pre-filled for a model (a run's result or checkpoint). */
export function newEvalHref(
  projectId: string,
  target: { runId?: string | null; model?: string | null; backend?: string | null } = {},
): string {
  const qs = new URLSearchParams({ new: "1" });
  if (target.runId) qs.set("runId", target.runId);
  if (target.model) qs.set("model", target.model);
  if (target.backend) qs.set("backend", target.backend);
  return `/projects/${encodeURIComponent(projectId)}/evals?${qs.toString()}`;
}

export const evalHref = (projectId: string, evalId: string) =>
  `/projects/${encodeURIComponent(projectId)}/evals/${encodeURIComponent(evalId)}`;

/** The training step of a checkpoint's model id ("…:ckpt-step-102" → 102); null for a final or foreign model. */
export function checkpointStep(model: string): number | null {
  const m = /ckpt-step-(\d+)$/.exec(model);
  return m ? Number(m[1]) : null;
}

export const runHref = (projectId: string, runId: string) => `/projects/${encodeURIComponent(projectId)}/runs/${encodeURIComponent(runId)}`;
