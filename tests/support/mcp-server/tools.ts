// The test MCP server's tools, on a real McpServer from the official SDK: four tools, chosen so an
// import sees every case. Against a catalogue holding `track_order` (tests' orderSchema):
// search_docs and get_weather are new, track_order differs from the catalogue's, and book_meeting's
// schema uses a format Ajv does not know ("cuid"), which the catalogue rejects. Test-only code.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

const TOOLS = {
  search_docs: {
    description: "Search the product documentation",
    shape: { query: z.string().describe("What to look for"), limit: z.number().int().min(1).max(50).optional() },
  },
  track_order: {
    description: "Where an order is now",
    shape: { order_id: z.string().describe("The order number"), carrier: z.enum(["ups", "dhl"]).optional() },
  },
  book_meeting: {
    description: "Book a meeting in the calendar",
    shape: { calendar_id: z.string().cuid(), title: z.string() },
  },
  get_weather: {
    description: "The weather forecast for a city",
    shape: { city: z.string(), days: z.number().int().min(1).max(7).optional() },
  },
} as const;

export const TEST_TOOL_NAMES = Object.keys(TOOLS);

/**
 * A server exposing the tools. With `pageSize`, tools/list answers a page at a time with a
 * `nextCursor` (McpServer itself lists everything at once), built the way McpServer builds it.
 */
export function testMcpServer(pageSize?: number): McpServer {
  const server = new McpServer({ name: "tooltune-test-tools", version: "1.0.0" });
  for (const [name, t] of Object.entries(TOOLS)) {
    server.registerTool(name, { description: t.description, inputSchema: t.shape }, async (args: unknown) => ({
      content: [{ type: "text" as const, text: `${name} ${JSON.stringify(args)}` }],
    }));
  }
  if (pageSize) {
    const all = Object.entries(TOOLS).map(([name, t]) => ({
      name,
      description: t.description,
      inputSchema: z.toJSONSchema(z.object(t.shape), { target: "draft-7", io: "input" }) as { type: "object" },
    }));
    server.server.setRequestHandler(ListToolsRequestSchema, (req) => {
      const start = Number(req.params?.cursor ?? 0);
      const next = start + pageSize;
      return { tools: all.slice(start, next), ...(next < all.length ? { nextCursor: String(next) } : {}) };
    });
  }
  return server;
}
