// Reverting the catalogue to an earlier version: a NEW version ("reverted to version N") whose tools
// equal that version's, then the examples calling a tool whose definition changed are re-validated,
// as after any catalogue change. route() writes the audit event; the route adds the version.
import { planRevert, revertChangesSomething } from "../../catalogue/change";
import type { ToolDto } from "../../schemas/tool";
import { db } from "../db";
import { AppError } from "../errors";
import { revalidateProject, type RevalidationResult } from "../examples/revalidate";
import { jsonText } from "../json-text";
import { requireProject } from "../projects/projects";
import { assertRoomForTools, listTools } from "../tools/tools";
import { catalogueRows, versionSnapshot } from "./catalogue-rows";
import { recordCatalogueVersion } from "./versions";

export interface RevertResult {
  tools: ToolDto[];
  catalogueVersion: number;
  revertedTo: number;
  revalidation: RevalidationResult;
  /** The tools whose examples were re-validated (the banner links to their invalid examples). */
  affectedTools: string[];
}

export async function revertCatalogue(projectId: string, version: number, authorId: string): Promise<RevertResult> {
  const project = await requireProject(projectId);
  if (version === project.catalogueVersion) {
    throw new AppError("validation_failed", `version ${version} is the current catalogue: there is nothing to revert`, { field: "version" });
  }
  const plan = planRevert(await catalogueRows(projectId), await versionSnapshot(projectId, version));
  if (!revertChangesSomething(plan)) {
    throw new AppError("validation_failed", `the catalogue is already as it was in version ${version}: there is nothing to revert`, { field: "version" });
  }
  await assertRoomForTools(projectId, plan.creates.length);
  const catalogueVersion = await db().$transaction(async (tx) => {
    for (const u of plan.updates) {
      const { parameters, ...rest } = u.data;
      await tx.tool.update({ where: { id: u.id }, data: { ...rest, ...(parameters !== undefined ? { parameters: jsonText(parameters) } : {}) } });
    }
    for (const c of plan.creates) {
      await tx.tool.create({ data: { projectId, name: c.name, description: c.description, parameters: jsonText(c.parameters), archived: c.archived, position: c.position } });
    }
    return recordCatalogueVersion(tx, projectId, authorId, `reverted to version ${version}`);
  });
  const revalidation: RevalidationResult =
    plan.affected.length > 0 ? await revalidateProject(projectId, { onlyTools: plan.affected }) : { mode: "none", checked: 0, invalid: 0, newlyInvalid: 0 };
  return { tools: await listTools(projectId), catalogueVersion, revertedTo: version, revalidation, affectedTools: plan.affected };
}
