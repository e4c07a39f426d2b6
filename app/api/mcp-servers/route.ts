import { json, route } from "@/lib/server/http";
import { mcpServerNames } from "@/lib/server/catalogue/mcp-servers";

/** The names of the stdio MCP servers the operator allowed (TOOLTUNE_MCP_SERVERS); never their commands or environment. */
export const GET = route("read", async () => json({ servers: mcpServerNames() }));
