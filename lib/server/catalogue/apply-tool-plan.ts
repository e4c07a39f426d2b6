// A tool plan (lib/datasets/tool-plan.ts) applied to the catalogue inside the caller's transaction:
// new tools appended, conflicts the user settled as "use imported" replaced, and ONE catalogue
// version that says where they came from. Dataset imports and MCP imports both commit through here.
import type { ToolPlanEntry } from "../../datasets/tool-plan";
import type { Tx } from "../db";
import { jsonText } from "../json-text";
import { recordCatalogueVersion } from "./versions";

export interface AppliedToolPlan {
  added: string[];
  replaced: string[];
  /** The new catalogue version; null when the plan changes nothing. */
  catalogueVersion: number | null;
}

/** `source` starts the version's summary: "import of data.jsonl", "imported from MCP server docs". */
export async function applyToolPlan(
  tx: Tx,
  projectId: string,
  plan: readonly ToolPlanEntry[],
  authorId: string | null,
  source: string,
): Promise<AppliedToolPlan> {
  const added = plan.filter((e) => e.action === "add");
  const replaced = plan.filter((e) => e.action === "conflict" && e.decision === "use_imported");
  const out: AppliedToolPlan = { added: added.map((e) => e.name), replaced: replaced.map((e) => e.name), catalogueVersion: null };
  if (added.length + replaced.length === 0) return out;
  const last = await tx.tool.aggregate({ where: { projectId }, _max: { position: true } });
  let position = (last._max.position ?? -1) + 1;
  for (const e of added) {
    await tx.tool.create({
      data: {
        projectId,
        name: e.name,
        description: e.imported.description,
        parameters: jsonText(e.imported.parameters),
        position: position++,
      },
    });
  }
  for (const e of replaced) {
    await tx.tool.update({
      where: { projectId_name: { projectId, name: e.name } },
      data: { description: e.imported.description, parameters: jsonText(e.imported.parameters) },
    });
  }
  const parts = [
    out.added.length ? `added ${out.added.join(", ")}` : "",
    out.replaced.length ? `replaced ${out.replaced.join(", ")}` : "",
  ].filter(Boolean);
  if (!authorId) throw new Error("an import that changes the catalogue needs an author");
  out.catalogueVersion = await recordCatalogueVersion(tx, projectId, authorId, `${source}: ${parts.join("; ")}`);
  return out;
}
