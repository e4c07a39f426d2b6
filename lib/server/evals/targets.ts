// What an eval or the playground can be pointed at, and the project's current catalogue as sent to it.
import type { EvalTargetsDto } from "../../schemas/evals";
import { BACKENDS, type BackendId } from "../../schemas/runs";
import { db } from "../db";
import { activeCatalogue } from "../projects/catalogue";
import { requireProject } from "../projects/projects";
import { backendInfoLive, gpuServedModels } from "../runs/backends";
import { listEndpoints } from "./endpoints";
import { OPENAI_CHAT_MODELS } from "./pricing";

/** The active catalogue in the shape eval requests are built from (EvalConfig's catalogue fields). */
export async function loadCatalogue(projectId: string) {
  const { project, style, tools, prompt } = await activeCatalogue(projectId);
  return { style, parallelToolCalls: project.parallelToolCalls, catalogueVersion: project.catalogueVersion, system: prompt, tools };
}

export async function evalTargets(projectId: string): Promise<EvalTargetsDto> {
  await requireProject(projectId);
  const runs = await db().run.findMany({
    where: { projectId, status: "succeeded", fineTunedModel: { not: null } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, backend: true, fineTunedModel: true, checkpoints: { orderBy: { step: "asc" }, select: { step: true, model: true } } },
  });
  const trained: EvalTargetsDto["trained"] = [];
  for (const r of runs) {
    const backend = (BACKENDS as readonly string[]).includes(r.backend) ? (r.backend as BackendId) : "openai";
    trained.push({ runId: r.id, backend, model: r.fineTunedModel!, label: `${r.fineTunedModel} (final)` });
    for (const c of r.checkpoints) if (c.model !== r.fineTunedModel) trained.push({ runId: r.id, backend, model: c.model, label: `${c.model} (checkpoint, step ${c.step})` });
  }
  // The single agent (TOOLTUNE_GPU_URL) lists what it serves; the pool, its agents' base models (its
  // trained models are in `trained`, each served by the agent that trained it).
  const live = await backendInfoLive();
  const gpuModels = live.find((b) => b.id === "gpu")?.agents ? [] : await gpuServedModels();
  const backends = live.map((b) => ({ id: b.id, label: b.label, configured: b.configured, missing: b.missing, models: b.id === "openai" ? OPENAI_CHAT_MODELS : b.id === "gpu" && !b.agents ? gpuModels : b.baseModels }));
  return { backends, endpoints: await listEndpoints(), trained };
}
