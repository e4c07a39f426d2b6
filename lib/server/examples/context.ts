import type { ValidationContext } from "../../validation/example";
import { db } from "../db";
import { parseJsonText } from "../json-text";

/** The catalogue (archived tools included, so they can be reported as archived) and project settings validation needs. */
export async function validationContext(projectId: string): Promise<ValidationContext & { catalogueVersion: number }> {
  const [project, tools] = await Promise.all([
    db().project.findUniqueOrThrow({
      where: { id: projectId },
      select: { parallelToolCalls: true, catalogueVersion: true, outputStyle: true },
    }),
    db().tool.findMany({ where: { projectId }, select: { name: true, parameters: true, archived: true } }),
  ]);
  return {
    parallelToolCalls: project.parallelToolCalls,
    outputStyle: project.outputStyle === "native_tools" ? "native_tools" : "router_json",
    catalogueVersion: project.catalogueVersion,
    tools: tools.map((t) => ({ name: t.name, archived: t.archived, parameters: parseJsonText<Record<string, unknown>>(t.parameters) })),
  };
}
