import { agentCreateSchema } from "@/lib/schemas/agents";
import { json, parseBody, route } from "@/lib/server/http";
import { createAgent, listAgents } from "@/lib/server/runs/pool";

/** The GPU pool's agents, with their last health check and the runs placed on each (never a token). */
export const GET = route("read", async () => json(await listAgents()));

/** { name, url, token, gpus, slots, hourlyUsd }: registers an agent and probes it at once. */
export const POST = route("agents.manage", async (req) => json(await createAgent(await parseBody(req, agentCreateSchema)), 201));
