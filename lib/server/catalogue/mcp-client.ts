// Reads a server's tools with the official MCP SDK's Client: `initialize`, then `tools/list`
// page by page (following `nextCursor`), within a deadline and caps on tools, pages and bytes. The
// answer is read loosely (the SDK's own listTools refuses the whole list for one odd tool): each
// tool is judged on its own by toolsFromMcp. Errors say what went wrong in the user's terms: the
// server did not start (with the end of its stderr), is not an MCP server, or did not answer.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { z } from "zod";
import { MCP_LIMITS } from "../../schemas/mcp";
import { AppError } from "../errors";
import { checkUrlResolved, guardedFetch, OutboundRefused, remoteText } from "../net/outbound";
import type { McpServerConfig } from "./mcp-servers";

const listResultSchema = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });
const STDERR_TAIL = 1500;

export const mcpTimeoutMs = () => Number(process.env.TOOLTUNE_MCP_TIMEOUT_MS ?? 20_000);

function failure(field: string, message: string): AppError {
  return new AppError("validation_failed", message, { field });
}

/** tools/list, every page, on a connected transport. `what` names the server in messages. */
async function listTools(transport: Transport, what: string, field: string, explain: (e: unknown) => string | null): Promise<unknown[]> {
  const timeoutMs = mcpTimeoutMs();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error("timeout")), timeoutMs);
  const client = new Client({ name: "tooltune", version: "1.0.0" });
  let protocolError: string | null = null;
  client.onerror = (e) => {
    // Output that is not JSON-RPC: no answer will come, so stop waiting now.
    if (!protocolError && (e instanceof SyntaxError || e instanceof z.ZodError || /JSON|parse/i.test(String(e?.message)))) {
      protocolError = remoteText(String(e.message), 200);
      deadline.abort(new Error("not mcp"));
    }
  };
  const options = { signal: deadline.signal, timeout: timeoutMs };
  try {
    await client.connect(transport, options);
    const tools: unknown[] = [];
    let bytes = 0;
    let cursor: string | undefined;
    for (let page = 0; page < MCP_LIMITS.pages; page++) {
      const res = await client.request({ method: "tools/list", params: cursor ? { cursor } : {} }, listResultSchema, options);
      bytes += JSON.stringify(res).length;
      tools.push(...res.tools);
      if (tools.length > MCP_LIMITS.tools)
        throw failure(field, `${what} lists more than ${MCP_LIMITS.tools} tools; a project holds at most ${MCP_LIMITS.tools}`);
      if (bytes > MCP_LIMITS.bytes) throw failure(field, `${what}'s tool list is larger than ${MCP_LIMITS.bytes / 1024 / 1024} MB`);
      if (!res.nextCursor) return tools;
      cursor = res.nextCursor;
    }
    throw failure(field, `${what} still had more tools after ${MCP_LIMITS.pages} pages of tools/list; ToolTune stops there`);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (protocolError) throw failure(field, `${what} is not an MCP server: its answer is not JSON-RPC (${protocolError})`);
    const own = explain(e);
    if (own) throw failure(field, own);
    if (deadline.signal.aborted)
      throw failure(field, `${what} did not answer tools/list within ${Math.round(timeoutMs / 1000)} s (timed out)`);
    throw failure(field, `${what} failed: ${remoteText(String((e as Error)?.message ?? e))}`);
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => {});
  }
}

/** A stdio server from the operator's allow-list: started, asked, stopped. */
export async function listStdioTools(name: string, config: McpServerConfig): Promise<unknown[]> {
  const what = `the MCP server "${name}"`;
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    env: config.env,
    cwd: config.cwd,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL);
  });
  let exited = false;
  transport.onclose = () => {
    exited = true;
  };
  const tail = () => (stderr.trim() ? `; its stderr ends with: ${stderr.trim()}` : "; it wrote nothing to stderr");
  return listTools(transport, what, "source.server", (e) => {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT" || code === "EACCES")
      return `${what} failed to start: ${config.command}: ${code === "ENOENT" ? "no such command" : "permission denied"}`;
    if (exited || /connection closed/i.test(String((e as Error)?.message)))
      return `${what} failed: it exited before answering tools/list${tail()}`;
    return null;
  });
}

/** Caps the bytes of a fetch's answers (all of them together), so a hostile server cannot fill memory. */
function cappedFetch(limit: number): typeof fetch {
  let used = 0;
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const res = await guardedFetch(input, init);
    if (!res.body) return res;
    const counted = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          used += chunk.byteLength;
          if (used > limit) ctl.error(new Error(`the answers are larger than ${limit / 1024 / 1024} MB`));
          else ctl.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
  }) as typeof fetch;
}

/** A Streamable HTTP server: the URL passes the outbound policy (private addresses only where allowed), redirects are refused. */
export async function listHttpTools(url: string, headers: Record<string, string> = {}): Promise<unknown[]> {
  const why = await checkUrlResolved(url);
  if (why)
    throw new AppError("validation_failed", `source.url: ${why}`, { field: "source.url", issues: [{ path: "source.url", message: why }] });
  const host = new URL(url).host;
  const what = `the MCP server at ${host}`;
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    fetch: cappedFetch(MCP_LIMITS.bytes + 64 * 1024),
    requestInit: { headers },
  });
  // A server may echo a header back in its error text: no header value ever reaches a message.
  const scrub = (text: string) => Object.values(headers).reduce((t, v) => (v.length >= 4 ? t.split(v).join("[header]") : t), text);
  try {
    return await listTools(transport, what, "source.url", (e) => {
      const err = e as Error & { code?: number; cause?: unknown };
      if (err instanceof OutboundRefused || err?.cause instanceof OutboundRefused)
        return (err instanceof OutboundRefused ? err : (err.cause as Error)).message;
      const status = typeof err?.code === "number" && err.code >= 400 ? err.code : null;
      if (status === 401 || status === 403) return `${what} refused the request (HTTP ${status}): check the Authorization header`;
      if (status) return `${what} is not an MCP server, or not at this path: it answered HTTP ${status}`;
      if (/content type|content-type/i.test(String(err?.message)))
        return `${what} is not an MCP server: ${remoteText(String(err.message), 200)}`;
      if (/fetch failed|ECONNREFUSED/i.test(String(err?.message)))
        return `${what} cannot be reached (${remoteText(String((err.cause as Error)?.message ?? err.message), 200)})`;
      return null;
    });
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, scrub(e.message), e.extra);
    throw e;
  }
}
