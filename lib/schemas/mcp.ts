// Importing tools from a Model Context Protocol server: where the tools come from, the plan a
// preview answers, and the choices the import applies. Shared by the browser and the API.
import { z } from "zod";
import type { ToolDef } from "../formats/types";

export const MCP_LIMITS = {
  /** Tools one server may list (a project holds at most 512). */
  tools: 512,
  /** Bytes of tools/list answers, all pages together. */
  bytes: 4 * 1024 * 1024,
  /** tools/list pages followed. */
  pages: 50,
  /** Characters of a pasted tools/list result (the request body itself is capped at 2 MB). */
  pasted: 1_500_000,
  headers: 8,
} as const;

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "a header name is 1–64 letters, digits or '-'");
const headerValue = z
  .string()
  .max(4096, "a header value is at most 4,096 characters")
  .refine((v) => !/[\r\n\0]/.test(v), { message: "a header value cannot contain line breaks" });

export const mcpSourceSchema = z.discriminatedUnion("kind", [
  /** A stdio server the operator allowed (TOOLTUNE_MCP_SERVERS), by name: a request never names a command. */
  z.object({ kind: z.literal("stdio"), server: z.string().min(1, "choose a server").max(100) }),
  z.object({
    kind: z.literal("http"),
    url: z.string().min(1, "enter the server's URL").max(2000),
    /** Sent with every request (Authorization, an API key header); never stored or logged. */
    headers: z
      .record(headerName, headerValue)
      .refine((h) => Object.keys(h).length <= MCP_LIMITS.headers, { message: `at most ${MCP_LIMITS.headers} headers` })
      .optional(),
  }),
  z.object({
    kind: z.literal("paste"),
    text: z.string().min(1, "paste a tools/list result").max(MCP_LIMITS.pasted, "the pasted text is longer than 1.5 MB"),
  }),
]);
export type McpSource = z.infer<typeof mcpSourceSchema>;

export const mcpPreviewSchema = z.object({ source: mcpSourceSchema });

export const mcpImportSchema = z.object({
  source: mcpSourceSchema,
  /** The catalogue version the preview was made against: the import refuses (409) when it moved. */
  catalogueVersion: z.number().int().min(0),
  /** The preview's fingerprint of the server's tools: the import refuses (409) when they changed. */
  fingerprint: z.string().max(64),
  /** Per conflicting tool: keep the catalogue's (default) or take the server's. */
  decisions: z.record(z.string(), z.enum(["keep_existing", "use_imported"])).default({}),
  /** New tools not to add. */
  skip: z.array(z.string()).max(MCP_LIMITS.tools).default([]),
});
export type McpImportInput = z.input<typeof mcpImportSchema>;

/** A tool the server lists that the catalogue cannot take, and why (the field is "name", "description" or "parameters…"). */
export interface McpRejectedTool {
  name: string;
  field: string;
  message: string;
}

export interface McpPlanEntryDto {
  name: string;
  action: "add" | "same" | "conflict";
  imported: ToolDef;
  existing?: ToolDef;
}

export interface McpPreviewDto {
  /** "MCP server docs" / the URL's host / "pasted tools/list": what the catalogue version will name. */
  sourceLabel: string;
  catalogueVersion: number;
  fingerprint: string;
  plan: McpPlanEntryDto[];
  rejected: McpRejectedTool[];
  counts: { add: number; same: number; conflict: number; rejected: number };
}

export interface McpImportResultDto {
  /** Null when the choices leave the catalogue as it was (nothing new was written). */
  catalogueVersion: number | null;
  added: string[];
  replaced: string[];
  revalidation: { mode: "none" | "inline" | "queued"; checked: number; invalid: number; newlyInvalid: number };
  affectedTools: string[];
}
