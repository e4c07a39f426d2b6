// The test MCP server over Streamable HTTP on loopback (stateless: a server and transport per
// request, as the SDK's stateless example does). With `token`, requests without
// `Authorization: Bearer <token>` get a 401.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { testMcpServer } from "./tools";

export interface TestMcpHttp {
  url: string;
  /** The Authorization headers requests carried, in order. */
  authorizations: (string | undefined)[];
  close: () => Promise<void>;
}

export async function startMcpHttpServer(opts: { token?: string } = {}): Promise<TestMcpHttp> {
  const authorizations: (string | undefined)[] = [];
  const http: Server = createServer(async (req, res) => {
    authorizations.push(req.headers.authorization);
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "missing or wrong token" }));
      return;
    }
    const server = testMcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    authorizations,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
