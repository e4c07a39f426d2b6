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
