// Exports a project's tool catalogue as code for a production agent loop, so that production parses
// and validates tool calls exactly as ToolTune's evaluation does. Pure: input in, file texts out.
import { generateJsonSchemaBundle } from "./json-schema-bundle";
import { generatePythonPydantic } from "./python-pydantic";
import { generateTypescriptZod } from "./typescript-zod";
import type { CodegenInput } from "./schema";

export type { CodegenInput, CodegenTool } from "./schema";
export { buildJsonSchemaBundle, generateJsonSchemaBundle } from "./json-schema-bundle";
export { generatePythonPydantic } from "./python-pydantic";
export { generateTypescriptZod } from "./typescript-zod";

export const CATALOGUE_FILES = ["catalogue.schema.json", "tooltune_catalogue.ts", "tooltune_catalogue.py"] as const;
export type CatalogueFile = (typeof CATALOGUE_FILES)[number];

/** The three files, by name: a JSON Schema bundle, a zod 4 module and a Pydantic (1.10 and 2.x) module. */
export function generateCatalogueCode(input: CodegenInput): Record<CatalogueFile, string> {
  return {
    "catalogue.schema.json": generateJsonSchemaBundle(input),
    "tooltune_catalogue.ts": generateTypescriptZod(input),
    "tooltune_catalogue.py": generatePythonPydantic(input),
  };
}
