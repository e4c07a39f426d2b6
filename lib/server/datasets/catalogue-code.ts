import { CATALOGUE_FILES, generateCatalogueCode, type CatalogueFile } from "../../codegen";
import type { OutputStyle } from "../../schemas/common";
import { projectPrompt } from "../projects/prompt";
import { requireProject } from "../projects/projects";
import { db } from "../db";
import { parseJsonText } from "../json-text";

/** The active catalogue as code for the production agent loop: JSON Schema bundle, zod module, Pydantic module. */
export async function catalogueCode(projectId: string): Promise<Record<CatalogueFile, string>> {
  const project = await requireProject(projectId);
  const tools = await db().tool.findMany({ where: { projectId, archived: false }, orderBy: { position: "asc" } });
  const { prompt } = await projectPrompt(projectId);
  return generateCatalogueCode({
    projectName: project.name,
    outputStyle: project.outputStyle as OutputStyle,
    systemPrompt: prompt,
    tools: tools.map((t) => ({ name: t.name, description: t.description, parameters: parseJsonText(t.parameters) })),
  });
}

export { CATALOGUE_FILES, type CatalogueFile };
