import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mcpServers } from "@/lib/server/catalogue/mcp-servers";

const docs = { docs: { command: "npx", args: ["-y", "docs-mcp"], env: { DOCS_TOKEN: "t" } } };

describe("the stdio MCP allow-list (TOOLTUNE_MCP_SERVERS)", () => {
  it("is empty when unset", () => {
    expect(mcpServers("")).toEqual({});
  });

  it("reads a JSON value or a file holding one, filling args and env", () => {
    expect(mcpServers(JSON.stringify(docs))).toEqual(docs);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "mcp-")), "servers.json");
    writeFileSync(file, JSON.stringify({ local: { command: "/opt/mcp/server" } }));
    expect(mcpServers(file)).toEqual({ local: { command: "/opt/mcp/server", args: [], env: {} } });
  });

  it("names the setting and the problem when it is broken", () => {
    expect(() => mcpServers("{ nope")).toThrow(/TOOLTUNE_MCP_SERVERS is not valid JSON/);
    expect(() => mcpServers(JSON.stringify({ docs: { args: [] } }))).toThrow(/TOOLTUNE_MCP_SERVERS: docs\.command: /);
    expect(() => mcpServers("/nonexistent/servers.json")).toThrow(
      /names the file \/nonexistent\/servers.json, which cannot be read \(ENOENT\)/,
    );
  });
});
