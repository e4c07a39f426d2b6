// Turns a parsed record into what an import stores, or the reason it is rejected. Pure apart from hashing.
import { createHash } from "node:crypto";
import type { Issue } from "../../schemas/common";
import type { ParsedRecord, RecordError } from "../../formats/types";
import { messagesSchema } from "../../schemas/example";
import { validateMessages, type ValidationContext } from "../../validation/example";
import { deriveColumns, type DerivedColumns } from "../examples/derive";
import { jsonText } from "../json-text";

export interface AcceptedRecord {
  record: ParsedRecord;
  derived: DerivedColumns;
  messagesText: string;
  exactHash: string;
  /**
   * Issues the example lands with: only "needs a reason" ones (a no_tool decision whose reason is
   * blank: a plain reply imported into a router_json project). Such an example is stored as a
   * draft with these issues, so the editor shows them and it is not trained on until labelled.
   */
  issues: Issue[];
}

/** A blank no_tool reason is a label still to write, not a broken line: the example lands flagged instead of rejected. */
export function isReasonIssue(issue: Issue): boolean {
  return issue.path.endsWith(".reason");
}

function kindOf(issue: Issue): string {
  if (issue.path.endsWith(".name")) return "unknown_tool";
  if (issue.path.includes(".arguments")) return "schema_violation";
  if (issue.path.endsWith(".toolCallId")) return "orphan_tool_reply";
  if (issue.path.endsWith(".calls")) return "parallel_calls_disabled";
  return "invalid_target";
}

/**
 * `notes.namedUnknownTool` is set when the record calls a tool the context does not have: a one-pass
 * analysis (analyse.ts) judges against the tools declared so far, so such a verdict may change.
 */
export function judgeRecord(record: ParsedRecord, ctx: ValidationContext, notes?: { namedUnknownTool: boolean }): { ok: true; value: AcceptedRecord } | { ok: false; error: RecordError } {
  // The shape every stored example has: a user request, the assistant's target last, sizes within limits.
  const shape = messagesSchema.safeParse(record.example.messages);
  if (!shape.success) {
    const i = shape.error.issues[0];
    const where = i.path.length ? `messages.${i.path.join(".")}: ` : "";
    return { ok: false, error: { line: record.line, kind: "unsupported_conversation", reason: `line ${record.line}: ${where}${i.message}` } };
  }
  const issues = validateMessages(record.example.messages, ctx);
  if (notes && issues.some((i) => i.path.endsWith(".name") && i.message.startsWith("unknown tool"))) notes.namedUnknownTool = true;
  if (!issues.every(isReasonIssue)) {
    const first = issues.find((i) => !isReasonIssue(i))!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    return { ok: false, error: { line: record.line, kind: kindOf(first), reason: `line ${record.line}: ${first.path}: ${first.message}${more}` } };
  }
  const messagesText = jsonText(record.example.messages);
  const exactHash = createHash("sha256").update((record.example.system ?? "") + "\u0000" + messagesText).digest("hex").slice(0, 32);
  return { ok: true, value: { record, derived: deriveColumns(record.example.messages), messagesText, exactHash, issues } };
}
