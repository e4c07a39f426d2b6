import { json, route } from "@/lib/server/http";
import { probeAgent } from "@/lib/server/runs/pool";

type P = { agentId: string };

/** Checks the agent now (its models, with its token): online or why not. */
export const POST = route<P>("agents.manage", async (_req, { agentId }) => json(await probeAgent(agentId)));
