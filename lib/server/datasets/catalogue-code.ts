import { CATALOGUE_FILES, generateCatalogueCode, type CatalogueFile } from "../../codegen";
import { activeCatalogue } from "../projects/catalogue";

/** The active catalogue as code for the production agent loop: JSON Schema bundle, zod module, Pydantic module. */
export async function catalogueCode(projectId: string): Promise<Record<CatalogueFile, string>> {
  const { project, style, tools, prompt } = await activeCatalogue(projectId);
  return generateCatalogueCode({ projectName: project.name, outputStyle: style, systemPrompt: prompt, tools });
}

export { CATALOGUE_FILES, type CatalogueFile };
