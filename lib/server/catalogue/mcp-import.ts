// Importing tools from an MCP server in two steps. The preview reads the server's tools and answers
// the plan (the same add / same / conflict plan dataset imports use, plus the tools the catalogue
// rejects) and writes nothing. The import reads them again, refuses (409) when the catalogue or the
// server's tools changed since that preview, applies the user's choices in ONE catalogue version
// ("imported from MCP server X"), then re-validates the examples that call a tool it touched.
import { createHash } from "node:crypto";
import { parsePastedToolsList, toolsFromMcp, type ConvertedTools } from "../../catalogue/mcp-tools";
import { canonicalJson, ToolCollector, type ToolPlanEntry } from "../../datasets/tool-plan";
import {
  mcpImportSchema,
  mcpSourceSchema,
  type McpImportInput,
  type McpImportResultDto,
  type McpPreviewDto,
  type McpSource,
} from "../../schemas/mcp";
import { db } from "../db";
import { AppError } from "../errors";
import { revalidateProject } from "../examples/revalidate";
import { currentCatalogue } from "../imports/context";
import { planWithChoices } from "../imports/tool-choices";
import { requireProject } from "../projects/projects";
import { assertRoomForTools } from "../tools/tools";
import { applyToolPlan } from "./apply-tool-plan";
import { listHttpTools, listStdioTools } from "./mcp-client";
import { mcpServer } from "./mcp-servers";

interface Fetched extends ConvertedTools {
  /** What the catalogue version names: "MCP server docs", "MCP server at host/path", "a pasted MCP tools/list". */
  label: string;
  fingerprint: string;
}

async function fetchTools(source: McpSource): Promise<Fetched> {
  let items: unknown[];
  let label: string;
  if (source.kind === "stdio") {
    items = await listStdioTools(source.server, mcpServer(source.server));
    label = `MCP server ${source.server}`;
  } else if (source.kind === "http") {
    items = await listHttpTools(source.url, source.headers);
    const u = new URL(source.url);
    label = `MCP server at ${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } else {
    try {
      items = parsePastedToolsList(source.text);
    } catch (e) {
      throw new AppError("validation_failed", (e as Error).message, { field: "source.text" });
    }
    label = "a pasted MCP tools/list";
  }
  const converted = toolsFromMcp(items);
  const fingerprint = createHash("sha256").update(canonicalJson(converted)).digest("hex").slice(0, 32);
  return { ...converted, label, fingerprint };
}

async function planFor(projectId: string, fetched: Fetched): Promise<ToolPlanEntry[]> {
  const collector = new ToolCollector();
  collector.add(fetched.tools);
  return collector.plan(await currentCatalogue(projectId));
}

export async function previewMcpImport(projectId: string, input: { source: McpSource }): Promise<McpPreviewDto> {
  const source = mcpSourceSchema.parse(input.source);
  const project = await requireProject(projectId);
  const fetched = await fetchTools(source);
  const plan = await planFor(projectId, fetched);
  const count = (a: ToolPlanEntry["action"]) => plan.filter((e) => e.action === a).length;
  return {
    sourceLabel: fetched.label,
    catalogueVersion: project.catalogueVersion,
    fingerprint: fetched.fingerprint,
    plan: plan.map((e) => ({ name: e.name, action: e.action, imported: e.imported, ...(e.existing ? { existing: e.existing } : {}) })),
    rejected: fetched.rejected,
    counts: { add: count("add"), same: count("same"), conflict: count("conflict"), rejected: fetched.rejected.length },
  };
}

const stale = (what: string) => new AppError("conflict", `${what} since the preview; preview again to see what the import would do now`);

export async function importMcpTools(
  projectId: string,
  input: McpImportInput,
  authorId: string,
): Promise<McpImportResultDto & { sourceLabel: string }> {
  const data = mcpImportSchema.parse(input);
  const project = await requireProject(projectId);
  if (project.catalogueVersion !== data.catalogueVersion)
    throw stale(`the catalogue changed (version ${data.catalogueVersion} is now ${project.catalogueVersion})`);
  const fetched = await fetchTools(data.source);
  if (fetched.fingerprint !== data.fingerprint) throw stale("the server's tools changed");
  const planned = await planFor(projectId, fetched);
  const byName = new Map(planned.map((e) => [e.name, e]));
  for (const name of Object.keys(data.decisions)) {
    if (byName.get(name)?.action !== "conflict")
      throw new AppError("validation_failed", `decisions.${name}: ${name} is not a tool in conflict`, { field: "decisions" });
  }
  for (const name of data.skip) {
    if (byName.get(name)?.action !== "add")
      throw new AppError("validation_failed", `skip: ${name} is not a new tool of this server`, { field: "skip" });
  }
  const skip = new Set(data.skip);
  const plan = planWithChoices(planned, {}, data.decisions).filter((e) => !skip.has(e.name));
  await assertRoomForTools(projectId, plan.filter((e) => e.action === "add").length);
  const applied = await db().$transaction(async (tx) => {
    const out = await applyToolPlan(tx, projectId, plan, authorId, `imported from ${fetched.label}`);
    // Another save between the check above and this transaction: its version came first, so ours is not the next one.
    if (out.catalogueVersion !== null && out.catalogueVersion !== data.catalogueVersion + 1) throw stale("the catalogue changed");
    return out;
  });
  const affectedTools = [...applied.added, ...applied.replaced];
  const revalidation =
    affectedTools.length > 0
      ? await revalidateProject(projectId, { onlyTools: affectedTools })
      : { mode: "none" as const, checked: 0, invalid: 0, newlyInvalid: 0 };
  return { ...applied, revalidation, affectedTools, sourceLabel: fetched.label };
}
