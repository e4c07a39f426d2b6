// The test MCP server over stdio (run with `node --import tsx`). MCP_TEST_MODE picks a behaviour:
// (unset) a well-behaved server whose tools/list pages two tools at a time; "crash" writes to stderr
// and exits before answering; "not-mcp" prints lines that are not JSON-RPC; "hang" never answers.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { testMcpServer } from "./tools";

const mode = process.env.MCP_TEST_MODE ?? "";
if (mode === "crash") {
  process.stderr.write("starting tooltune-test-tools\nError: cannot open database /nonexistent/tools.db\n");
  process.exit(3);
} else if (mode === "not-mcp") {
  process.stdout.write("Hello! This program is not an MCP server.\n");
  process.stdin.on("data", () => process.stdout.write("usage: tool [--help]\n"));
} else if (mode === "hang") {
  process.stdin.resume();
} else {
  await testMcpServer(2).connect(new StdioServerTransport());
}
