import { DEFAULT_PRICES, PriceTableSchema, type PriceTable } from "../../datasets/cost";
import { db } from "../db";
import { invalid } from "../errors";
import { jsonText, parseJsonText } from "../json-text";
import { zodIssues } from "../../schemas/common";
import { requireProject } from "../projects/projects";

/** The project's price table for training cost estimates (the defaults until someone edits it). */
export async function getPricing(projectId: string): Promise<{ prices: PriceTable; custom: boolean }> {
  await requireProject(projectId);
  const row = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { pricing: true } });
  return row.pricing ? { prices: parseJsonText<PriceTable>(row.pricing), custom: true } : { prices: { ...DEFAULT_PRICES }, custom: false };
}

export async function setPricing(projectId: string, input: unknown): Promise<{ prices: PriceTable; custom: boolean }> {
  await requireProject(projectId);
  if (input === null) {
    await db().project.update({ where: { id: projectId }, data: { pricing: null } });
    return getPricing(projectId);
  }
  const r = PriceTableSchema.safeParse(input);
  if (!r.success) throw invalid(zodIssues(r.error), "prices");
  await db().project.update({ where: { id: projectId }, data: { pricing: jsonText(r.data) } });
  return getPricing(projectId);
}
