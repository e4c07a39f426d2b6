// A proposed catalogue change applied to the catalogue in memory: the tools after it and the
// names whose examples it can affect. The save (lib/server/tools, lib/server/catalogue/revert.ts)
// and the impact dry run (lib/server/catalogue/impact.ts) both start here.
import type { CatalogueTool, ToolInput, ToolPatch } from "../schemas/tool";

export interface CatalogueRow extends CatalogueTool {
  id: string;
  position: number;
}

export interface Proposal {
  tools: CatalogueTool[];
  /** Examples calling any of these are re-validated (and counted by the impact dry run). */
  affected: string[];
  /** "Rename in examples too": calls of `from` are rewritten to `to` before they are validated. */
  rename?: { from: string; to: string };
}

const byPosition = (a: CatalogueRow, b: CatalogueRow) => a.position - b.position;
const plain = ({ name, description, parameters, archived }: CatalogueTool): CatalogueTool => ({ name, description, parameters, archived });

export function proposeCreate(current: readonly CatalogueRow[], tool: ToolInput): Proposal {
  return { tools: [...[...current].sort(byPosition).map(plain), { ...tool, archived: false }], affected: [tool.name] };
}

/** null when the tool is not in the catalogue. */
export function proposeUpdate(current: readonly CatalogueRow[], toolId: string, patch: ToolPatch): Proposal | null {
  const before = current.find((t) => t.id === toolId);
  if (!before) return null;
  const after: CatalogueTool = {
    name: patch.name ?? before.name,
    description: patch.description ?? before.description,
    parameters: patch.parameters ?? before.parameters,
    archived: patch.archived ?? before.archived,
  };
  const tools = [...current].sort(byPosition).map((t) => (t.id === toolId ? after : plain(t)));
  const renamed = after.name !== before.name;
  if (renamed && patch.renameInExamples) return { tools, affected: [before.name, after.name], rename: { from: before.name, to: after.name } };
  return { tools, affected: [...new Set([before.name, after.name])] };
}

export interface RevertPlan {
  /** Existing tools to change, with only the fields that differ (position always given). */
  updates: { id: string; name: string; data: Partial<Omit<CatalogueTool, "name">> & { position: number } }[];
  /** Tools of the snapshot the catalogue no longer has by that name. */
  creates: (CatalogueTool & { position: number })[];
  /** Names whose definition changes (examples calling them are re-validated), in catalogue order. */
  affected: string[];
  /** The catalogue after the revert, in order. */
  tools: CatalogueTool[];
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Makes the catalogue equal to `snapshot`: its tools in its order, then tools added since (archived,
 * since tools are never deleted) in their current order. Only what differs is written.
 */
export function planRevert(current: readonly CatalogueRow[], snapshot: readonly CatalogueTool[]): RevertPlan {
  const byName = new Map(current.map((t) => [t.name, t]));
  const inSnapshot = new Set(snapshot.map((t) => t.name));
  const plan: RevertPlan = { updates: [], creates: [], affected: [], tools: [] };
  const wanted: (CatalogueTool & { row?: CatalogueRow })[] = [
    ...snapshot.map((t) => ({ ...plain(t), row: byName.get(t.name) })),
    ...[...current]
      .sort(byPosition)
      .filter((t) => !inSnapshot.has(t.name))
      .map((t) => ({ ...plain(t), archived: true, row: t })),
  ];
  wanted.forEach((w, position) => {
    const tool = plain(w);
    plan.tools.push(tool);
    if (!w.row) {
      plan.creates.push({ ...tool, position });
      plan.affected.push(w.name);
      return;
    }
    const data: RevertPlan["updates"][number]["data"] = { position };
    if (w.description !== w.row.description) data.description = w.description;
    if (!sameJson(w.parameters, w.row.parameters)) data.parameters = w.parameters;
    if (w.archived !== w.row.archived) data.archived = w.archived;
    const definitionChanged = Object.keys(data).length > 1;
    if (definitionChanged && (data.parameters !== undefined || data.archived !== undefined)) plan.affected.push(w.name);
    if (definitionChanged || position !== w.row.position) plan.updates.push({ id: w.row.id, name: w.name, data });
  });
  return plan;
}

/** Whether the plan changes anything (a revert to the catalogue as it is makes no version). */
export function revertChangesSomething(plan: RevertPlan): boolean {
  return plan.updates.length > 0 || plan.creates.length > 0;
}
