// Stores one blind second review and reveals the label it is compared with.
import { categoryOf, finalRoutingIndex, NO_TOOL } from "../../reviews/agreement";
import type { Issue } from "../../schemas/common";
import { secondReviewInputSchema, type SecondReviewInput, type SecondReviewResultDto } from "../../schemas/review";
import { noteAudit } from "../audit/context";
import { authorLabel, authorSelect } from "../authors";
import { db } from "../db";
import { AppError, invalid, notFound } from "../errors";
import { parseMessages } from "../examples/dto";
import { LABELLED_STATES } from "../examples/filters";
import { requireProject } from "../projects/projects";

export async function submitSecondReview(projectId: string, input: SecondReviewInput, reviewerId: string): Promise<SecondReviewResultDto> {
  const data = secondReviewInputSchema.parse(input);
  const project = await requireProject(projectId);
  const example = await db().example.findFirst({ where: { id: data.exampleId, projectId }, include: { updatedBy: authorSelect } });
  if (!example) throw notFound("example", data.exampleId);
  noteAudit({ target: { type: "example", id: example.id, label: `#${example.number}` } });
  const which = `example #${example.number}`;
  if (example.version !== data.version) {
    throw new AppError(
      "conflict",
      `${which} was saved again after you opened it (now version ${example.version}, you saw ${data.version}); load it again to review the new label`,
      { field: "version" },
    );
  }
  if (example.createdById === reviewerId || example.updatedById === reviewerId) {
    throw new AppError("bad_request", `exampleId: you wrote the label of ${which}; a second review must be of someone else's label`, {
      field: "exampleId",
    });
  }
  const messages = parseMessages(example.messages);
  const at = finalRoutingIndex(messages);
  const turn = at === null ? null : messages[at];
  if (!LABELLED_STATES.in.includes(example.reviewState) || example.invalid || !turn || turn.role !== "assistant") {
    throw new AppError("bad_request", `exampleId: ${which} has no valid, labelled routing decision to review yet`, { field: "exampleId" });
  }
  const choice = await checkChoice(projectId, data.choice, project.parallelToolCalls);
  const label = categoryOf(turn.decision)!;
  const earlier = await db().secondReview.findFirst({
    where: { exampleId: example.id, reviewerId, exampleVersion: example.version },
    select: { id: true },
  });
  if (earlier) throw new AppError("conflict", `you already second-reviewed ${which} at version ${example.version}`, { field: "exampleId" });
  const agree = choice === label;
  const row = await db().secondReview.create({
    data: {
      projectId,
      exampleId: example.id,
      exampleVersion: example.version,
      reviewerId,
      labellerId: example.updatedById,
      choice,
      label,
      agree,
    },
  });
  noteAudit({ detail: { number: example.number, version: example.version, choice, label, agree } });
  return {
    id: row.id,
    exampleId: example.id,
    number: example.number,
    choice,
    label,
    agree,
    labelDecision: turn.decision,
    labelledBy: authorLabel(example.updatedBy),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The reviewer's category, after checking each name against the catalogue's active tools. */
async function checkChoice(projectId: string, names: string[], parallel: boolean): Promise<string> {
  const tools = await db().tool.findMany({ where: { projectId, archived: false }, select: { name: true } });
  const known = new Set(tools.map((t) => t.name));
  const issues: Issue[] = [];
  names.forEach((name, i) => {
    if (name !== NO_TOOL && !known.has(name))
      issues.push({ path: `choice.${i}`, message: `unknown tool "${name}"; choose a tool of the catalogue or ${NO_TOOL}` });
  });
  if (issues.length > 0) throw invalid(issues);
  const unique = new Set(names);
  if (unique.has(NO_TOOL) && unique.size > 1)
    throw invalid([{ path: "choice", message: `${NO_TOOL} cannot be chosen together with a tool` }]);
  if (!parallel && unique.size > 1)
    throw invalid([{ path: "choice", message: "this project makes one tool call per decision; choose one tool" }]);
  return categoryOf(names)!;
}
