import { exampleBulkChangeSchema } from "@/lib/schemas/example";
import { noteAudit } from "@/lib/server/audit/context";
import { json, parseBody, route } from "@/lib/server/http";
import { changeExamples } from "@/lib/server/examples/bulk";

/**
 * { ids | filter, set: { reviewState?, split?, addTags?, removeTags? } | trash: true, dryRun? }: one new
 * version and revision per changed example (or a move to the trash); the answer's changeId undoes it.
 */
export const POST = route<{ projectId: string }>("examples.write", async (req, { projectId }, who) => {
  const body = await parseBody(req, exampleBulkChangeSchema);
  const out = await changeExamples(projectId, body, who.userId);
  noteAudit({
    target: out.changeId ? { type: "bulkChange", id: out.changeId } : undefined,
    detail: {
      bulk: body.trash ? "trash" : body.set,
      by: body.ids ? `${body.ids.length} ids` : "filter",
      dryRun: out.dryRun,
      matched: out.matched,
      changed: out.changed,
    },
  });
  return json(out);
});
