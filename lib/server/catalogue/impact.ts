// The impact dry run: what a catalogue change would do to the examples, before it is saved. It
// validates exactly the rows the save would re-validate (affectedBatches), against the catalogue
// as the change would leave it, with the same validator, and writes nothing.
import { proposeCreate, proposeUpdate, planRevert, type Proposal } from "../../catalogue/change";
import type { CatalogueChange, CatalogueImpactDto } from "../../schemas/tool";
import { catalogueChangeSchema } from "../../schemas/tool";
import { compileContext, validateMessages } from "../../validation/example";
import { notFound } from "../errors";
import { validationContext } from "../examples/context";
import { parseMessages } from "../examples/dto";
import { affectedBatches } from "../examples/revalidate";
import { requireProject } from "../projects/projects";
import { renameInMessages } from "../tools/rename-in-examples";
import { assertNameFree, checkSchemaOrThrow } from "../tools/tools";
import { catalogueRows, versionSnapshot } from "./catalogue-rows";

const SAMPLE = 5;

/** The change applied in memory, after the same checks its save makes (a bad schema or a taken name is the same 422). */
export async function proposeChange(projectId: string, change: CatalogueChange): Promise<Proposal> {
  const current = await catalogueRows(projectId);
  if (change.kind === "create") {
    checkSchemaOrThrow(change.tool.parameters);
    await assertNameFree(projectId, change.tool.name);
    return proposeCreate(current, change.tool);
  }
  if (change.kind === "update") {
    if (change.patch.parameters !== undefined) checkSchemaOrThrow(change.patch.parameters);
    const proposal = proposeUpdate(current, change.toolId, change.patch);
    if (!proposal) throw notFound("tool", change.toolId);
    if (change.patch.name !== undefined) await assertNameFree(projectId, change.patch.name, change.toolId);
    return proposal;
  }
  const plan = planRevert(current, await versionSnapshot(projectId, change.version));
  return { tools: plan.tools, affected: plan.affected };
}

export async function catalogueImpact(projectId: string, input: CatalogueChange): Promise<CatalogueImpactDto> {
  const change = catalogueChangeSchema.parse(input);
  await requireProject(projectId);
  const proposal = await proposeChange(projectId, change);
  const out: CatalogueImpactDto = { checked: 0, invalidBefore: 0, invalidAfter: 0, newlyInvalid: 0, newlyValid: 0, byTool: [], sample: [] };
  if (proposal.affected.length === 0) return out;
  const ctx = compileContext({ ...(await validationContext(projectId)), tools: proposal.tools });
  const byTool = new Map(proposal.affected.map((name) => [name, { name, newlyInvalid: 0, newlyValid: 0 }]));
  for await (const { rows } of affectedBatches(projectId, proposal.affected)) {
    for (const r of rows) {
      let messages = parseMessages(r.messages);
      if (proposal.rename) messages = renameInMessages(messages, proposal.rename.from, proposal.rename.to)?.messages ?? messages;
      const wasInvalid = Boolean(r.invalid);
      const isInvalid = validateMessages(messages, ctx).length > 0;
      out.checked += 1;
      if (wasInvalid) out.invalidBefore += 1;
      if (isInvalid) out.invalidAfter += 1;
      if (wasInvalid === isInvalid) continue;
      if (isInvalid) {
        out.newlyInvalid += 1;
        if (out.sample.length < SAMPLE) out.sample.push(r.number);
      } else out.newlyValid += 1;
      // targetTools is ",a,b,": the affected tools this example calls get the count.
      for (const name of r.targetTools.split(",")) {
        const t = byTool.get(name);
        if (t) t[isInvalid ? "newlyInvalid" : "newlyValid"] += 1;
      }
    }
  }
  out.byTool = [...byTool.values()];
  return out;
}
