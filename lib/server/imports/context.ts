import type { ToolDef } from "../../formats/types";
import type { ToolPlanEntry } from "../../datasets/tool-plan";
import { catalogueAfterPlan } from "../../datasets/tool-plan";
import type { ValidationContext } from "../../validation/example";
import { db } from "../db";
import { effectiveSystemPrompt } from "../../prompt";
import { parseJsonText } from "../json-text";

export async function currentCatalogue(projectId: string): Promise<(ToolDef & { archived: boolean })[]> {
  const tools = await db().tool.findMany({ where: { projectId }, orderBy: { position: "asc" } });
  return tools.map((t) => ({ name: t.name, description: t.description, parameters: parseJsonText<Record<string, unknown>>(t.parameters), archived: t.archived }));
}

/** Validation against the catalogue as it will be once the import's tool plan is applied. */
export async function importValidationContext(projectId: string, plan: readonly ToolPlanEntry[]): Promise<ValidationContext> {
  const project = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { parallelToolCalls: true, outputStyle: true } });
  const catalogue = await currentCatalogue(projectId);
  const archived = new Set(catalogue.filter((t) => t.archived).map((t) => t.name));
  const after = catalogueAfterPlan(catalogue, plan);
  return {
    parallelToolCalls: project.parallelToolCalls,
    outputStyle: project.outputStyle === "native_tools" ? "native_tools" : "router_json",
    tools: after.map((t) => ({ name: t.name, parameters: t.parameters, archived: archived.has(t.name) })),
  };
}

/** The system prompt the project will use once the plan's tools are in the catalogue. */
export async function promptAfterPlan(projectId: string, plan: readonly ToolPlanEntry[]): Promise<string> {
  const project = await db().project.findUniqueOrThrow({ where: { id: projectId } });
  const catalogue = await currentCatalogue(projectId);
  const archived = new Set(catalogue.filter((t) => t.archived).map((t) => t.name));
  const active = catalogueAfterPlan(catalogue, plan).filter((t) => !archived.has(t.name));
  return effectiveSystemPrompt({ ...project, outputStyle: project.outputStyle === "native_tools" ? "native_tools" : "router_json" }, active);
}
