import { effectiveSystemPrompt, generateSystemPrompt } from "../../prompt";
import type { OutputStyle } from "../../schemas/common";
import { db } from "../db";
import { requireProject } from "./projects";
import { parseJsonText } from "../json-text";

export async function projectPrompt(projectId: string) {
  const p = await requireProject(projectId);
  const tools = await db().tool.findMany({ where: { projectId, archived: false }, orderBy: { position: "asc" } });
  const project = { ...p, outputStyle: p.outputStyle as OutputStyle };
  const catalogue = tools.map((t) => ({ name: t.name, description: t.description, parameters: parseJsonText<Record<string, unknown>>(t.parameters) }));
  const generated = generateSystemPrompt(project, catalogue);
  const prompt = effectiveSystemPrompt(project, catalogue);
  return { prompt, generated, overridden: prompt !== generated };
}
