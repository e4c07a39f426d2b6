import { agentPatchSchema } from "@/lib/schemas/agents";
import { json, noContent, parseBody, route } from "@/lib/server/http";
import { deleteAgent, updateAgent } from "@/lib/server/runs/pool";

type P = { agentId: string };

export const PATCH = route<P>("agents.manage", async (req, { agentId }) => json(await updateAgent(agentId, await parseBody(req, agentPatchSchema))));

export const DELETE = route<P>("agents.manage", async (_req, { agentId }) => {
  await deleteAgent(agentId);
  return noContent();
});
