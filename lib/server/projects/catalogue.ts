// The project's active catalogue as prompts, exports, code generation and evals use it: the project,
// its output style, the non-archived tools in order (parameters parsed), and the system prompt.
import { effectiveSystemPrompt } from "../../prompt";
import type { OutputStyle } from "../../schemas/common";
import type { ToolDef } from "../../formats/types";
import { db } from "../db";
import { parseJsonText } from "../json-text";
import { requireProject } from "./projects";

export async function activeCatalogue(projectId: string) {
  const row = await requireProject(projectId);
  const tools: ToolDef[] = (await db().tool.findMany({ where: { projectId, archived: false }, orderBy: { position: "asc" } })).map((t) => ({
    name: t.name,
    description: t.description,
    parameters: parseJsonText<Record<string, unknown>>(t.parameters),
  }));
  const style: OutputStyle = row.outputStyle === "native_tools" ? "native_tools" : "router_json";
  const project = { ...row, outputStyle: style };
  return { project, style, tools, prompt: effectiveSystemPrompt(project, tools) };
}
