// The GPU pool: ToolTune agents registered by an admin (GpuAgent), their health, and placing a run on
// one. A run on the pool goes to an online agent that has its base model and a free slot; a run pinned
// to one agent waits for that one. Without registered agents, the single agent of TOOLTUNE_GPU_URL is
// used as before (backends.ts).
//
// Placing is a compare-and-set under the agent row's lock: the claim's transaction first bumps the
// row's claimSeq (a row lock on PostgreSQL, the write lock on SQLite), then counts the agent's runs,
// then places this one, so two workers placing two runs at once cannot both take its last slot.
import { agentCreateSchema, agentPatchSchema, type AgentCreate, type AgentDto, type AgentPatch } from "../../schemas/agents";
import { TERMINAL } from "../../schemas/runs";
import { db, type Db } from "../db";
import { AppError, notFound } from "../errors";
import { parseJsonText } from "../json-text";
import { decryptSecret, encryptSecret } from "../secrets";

type Agent = Awaited<ReturnType<Db["gpuAgent"]["findUniqueOrThrow"]>>;

const LIVE = { notIn: [...TERMINAL] };
const trimUrl = (u: string) => u.replace(/\/+$/, "");

async function busyByAgent(): Promise<Map<string, number>> {
  const rows = await db().run.groupBy({ by: ["agentId"], where: { agentId: { not: null }, status: LIVE }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.agentId!, r._count._all]));
}

function toDto(a: Agent, busy: number): AgentDto {
  return {
    id: a.id,
    name: a.name,
    url: a.url,
    gpus: a.gpus,
    slots: a.slots,
    hourlyUsd: a.hourlyUsd,
    baseModels: parseJsonText<string[]>(a.baseModels),
    online: a.online,
    lastSeenAt: a.lastSeenAt?.toISOString() ?? null,
    lastError: a.lastError,
    busy,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function listAgents(): Promise<AgentDto[]> {
  const [agents, busy] = await Promise.all([db().gpuAgent.findMany({ orderBy: { name: "asc" } }), busyByAgent()]);
  return agents.map((a) => toDto(a, busy.get(a.id) ?? 0));
}

/** Whether runs on the GPU backend go to the pool (an agent is registered) rather than TOOLTUNE_GPU_URL. */
export async function poolInUse(): Promise<boolean> {
  return (await db().gpuAgent.count()) > 0;
}

async function nameTaken(name: string, exceptId?: string) {
  const other = await db().gpuAgent.findUnique({ where: { name } });
  if (other && other.id !== exceptId) throw new AppError("conflict", `an agent named "${name}" already exists`, { field: "name" });
}

export async function createAgent(input: AgentCreate): Promise<AgentDto> {
  const data = agentCreateSchema.parse(input);
  await nameTaken(data.name);
  const row = await db().gpuAgent.create({ data: { ...data, url: trimUrl(data.url), token: encryptSecret(data.token) } });
  return probeAgent(row.id);
}

export async function updateAgent(id: string, input: AgentPatch): Promise<AgentDto> {
  if (!(await db().gpuAgent.findUnique({ where: { id } }))) throw notFound("agent", id);
  const data = agentPatchSchema.parse(input);
  if (data.name !== undefined) await nameTaken(data.name, id);
  await db().gpuAgent.update({
    where: { id },
    data: { ...data, ...(data.url !== undefined ? { url: trimUrl(data.url) } : {}), ...(data.token !== undefined ? { token: encryptSecret(data.token) } : {}) },
  });
  return probeAgent(id);
}

/** Removes an agent. Runs placed on it and not finished keep going only if it is registered: refuse while any is. */
export async function deleteAgent(id: string): Promise<void> {
  if (!(await db().gpuAgent.findUnique({ where: { id } }))) throw notFound("agent", id);
  const live = await db().run.count({ where: { OR: [{ agentId: id }, { pinnedAgentId: id }], status: LIVE } });
  if (live > 0) throw new AppError("conflict", `${live} unfinished run${live === 1 ? " is" : "s are"} placed on or pinned to this agent: cancel or finish them first`);
  await db().gpuAgent.delete({ where: { id } });
}

/** The address and token a backend client uses for this agent. */
export async function agentConnection(id: string): Promise<{ name: string; baseURL: string; apiKey: string }> {
  const a = await db().gpuAgent.findUnique({ where: { id } });
  if (!a) throw new AppError("not_found", `the GPU agent this run was placed on (${id}) is no longer registered`);
  return { name: a.name, baseURL: `${a.url}/v1`, apiKey: decryptSecret(a.token) };
}

const PROBE_TIMEOUT_MS = 2_500;

/** Asks the agent for its models (GET /v1/models with its token): online, and its base models, or why not. */
export async function probeAgent(id: string): Promise<AgentDto> {
  const a = await db().gpuAgent.findUnique({ where: { id } });
  if (!a) throw notFound("agent", id);
  let update: { online: boolean; lastError: string | null; lastSeenAt?: Date; baseModels?: string };
  try {
    const res = await fetch(`${a.url}/v1/models`, { headers: { authorization: `Bearer ${decryptSecret(a.token)}` }, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!res.ok) throw new Error(res.status === 401 ? "the agent refused the token (401)" : `the agent answered ${res.status}`);
    const body = (await res.json()) as { data?: { id: string; kind?: string; available?: boolean }[] };
    const base = (body.data ?? []).filter((m) => m.kind === "base" && m.available !== false).map((m) => m.id).sort();
    update = { online: true, lastError: null, lastSeenAt: new Date(), baseModels: JSON.stringify(base) };
  } catch (e) {
    const err = e as Error;
    update = { online: false, lastError: err.name === "TimeoutError" ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : err.message };
  }
  const row = await db().gpuAgent.update({ where: { id }, data: update });
  return toDto(row, (await busyByAgent()).get(id) ?? 0);
}

/** Probes every agent at once (the worker does, every reconcile tick): an offline one costs its timeout, not N of them. */
export async function probeAgents(): Promise<void> {
  await Promise.all((await db().gpuAgent.findMany({ select: { id: true } })).map((a) => probeAgent(a.id)));
}

export type Placement = { agentId: string } | { waiting: string } | { impossible: string };

/**
 * Places a run on an agent: the pinned one, or the online agent with the model and the most free
 * slots. Waiting says why (no free slot, agent offline); impossible when no registered agent has the
 * model at all (or the pinned one is gone), which fails the run.
 */
export async function placeRun(runId: string, baseModel: string, pinnedAgentId: string | null): Promise<Placement> {
  const agents = await db().gpuAgent.findMany({ where: pinnedAgentId ? { id: pinnedAgentId } : {}, orderBy: { name: "asc" } });
  if (pinnedAgentId && agents.length === 0) return { impossible: "the GPU agent this run is pinned to is no longer registered" };
  const having = agents.filter((a) => parseJsonText<string[]>(a.baseModels).includes(baseModel));
  if (having.length === 0) {
    if (pinnedAgentId && !agents[0].online) return { waiting: `waiting for ${agents[0].name}, which is offline` };
    const where = agents.map((a) => `${a.name}: ${parseJsonText<string[]>(a.baseModels).join(", ") || "none"}`).join("; ");
    return { impossible: `no GPU agent has the base model ${baseModel} (${where})` };
  }
  const online = having.filter((a) => a.online);
  if (online.length === 0) return { waiting: `waiting for a GPU: ${having.map((a) => a.name).join(", ")} ${having.length === 1 ? "is" : "are"} offline` };
  const busy = await busyByAgent();
  const order = online.map((a) => ({ a, free: a.slots - (busy.get(a.id) ?? 0) })).sort((x, y) => y.free - x.free);
  for (const { a, free } of order) {
    if (free <= 0) break;
    const placed = await db().$transaction(async (tx) => {
      await tx.gpuAgent.update({ where: { id: a.id }, data: { claimSeq: { increment: 1 } } });
      const taken = await tx.run.count({ where: { agentId: a.id, status: LIVE, NOT: { id: runId } } });
      if (taken >= a.slots) return false;
      const r = await tx.run.updateMany({ where: { id: runId, agentId: null }, data: { agentId: a.id } });
      return r.count === 1;
    });
    if (placed) return { agentId: a.id };
    const now = await db().run.findUnique({ where: { id: runId }, select: { agentId: true } });
    if (now?.agentId) return { agentId: now.agentId }; // another submitter of this run placed it meanwhile
  }
  return { waiting: `waiting for a GPU: every agent with ${baseModel} is busy (${online.map((a) => `${a.name} ${busy.get(a.id) ?? 0}/${a.slots}`).join(", ")})` };
}

/**
 * The agent that answers chat completions for a model: the one that trained it (a run's final model
 * or one of its checkpoints), else an online agent that has it as a base model.
 */
export async function agentServing(model: string): Promise<string> {
  const run = await db().run.findFirst({
    where: { backend: "gpu", agentId: { not: null }, OR: [{ fineTunedModel: model }, { checkpoints: { some: { model } } }] },
    orderBy: { createdAt: "desc" },
    select: { agentId: true },
  });
  if (run?.agentId) return run.agentId;
  const agents = await db().gpuAgent.findMany({ where: { online: true }, orderBy: { name: "asc" } });
  const base = agents.find((a) => parseJsonText<string[]>(a.baseModels).includes(model));
  if (base) return base.id;
  throw new AppError("validation_failed", `no agent of the GPU pool serves ${model}: it is not a model trained on the pool, nor a base model of an online agent`, { field: "target.model" });
}
