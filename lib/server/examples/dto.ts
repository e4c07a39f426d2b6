import { z } from "zod";
import type { Issue, ReviewState, Split } from "../../schemas/common";
import { messageSchema, type ExampleDto, type ExampleSummaryDto, type Message, type TargetKind } from "../../schemas/example";
import { authorLabel, authorSelect } from "../authors";
import { finalDecision } from "./derive";

// Stored JSON is parsed where it is read; a row written by an older version fails loudly here.
const storedMessages = z.array(messageSchema);
const storedIssues = z.array(z.object({ path: z.string(), message: z.string() }));
const storedTags = z.array(z.string());

export const exampleInclude = {
  createdBy: authorSelect,
  updatedBy: authorSelect,
} as const;

export interface ExampleRow {
  id: string;
  number: number;
  messages: unknown;
  request: string;
  targetKind: string;
  targetTools: string;
  split: string;
  reviewState: string;
  invalid: boolean;
  issues: unknown;
  needsReason?: boolean;
  validatedVersion: number;
  tags: unknown;
  source: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: { name: string; email: string | null } | null;
  updatedBy: { name: string; email: string | null } | null;
}

export function parseMessages(value: unknown): Message[] {
  return storedMessages.parse(typeof value === "string" ? JSON.parse(value) : value);
}

export function parseIssues(value: unknown): Issue[] {
  return storedIssues.parse(typeof value === "string" ? JSON.parse(value) : (value ?? []));
}

export function toExampleDto(r: ExampleRow): ExampleDto {
  return {
    id: r.id,
    number: r.number,
    messages: parseMessages(r.messages),
    split: r.split as Split,
    reviewState: r.reviewState as ReviewState,
    tags: tagsOf(r.tags),
    source: r.source,
    invalid: r.invalid,
    issues: parseIssues(r.issues),
    validatedVersion: r.validatedVersion,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    createdBy: authorLabel(r.createdBy),
    updatedBy: authorLabel(r.updatedBy),
  };
}

const tagsOf = (tags: unknown): string[] => storedTags.parse(typeof tags === "string" ? JSON.parse(tags) : (tags ?? []));

export function toSummaryDto(r: ExampleRow): ExampleSummaryDto {
  const decision = finalDecision(parseMessages(r.messages));
  const issues = parseIssues(r.issues);
  return {
    id: r.id,
    number: r.number,
    request: r.request.slice(0, 300),
    targetKind: r.targetKind as TargetKind,
    targetTools: decision.kind === "tool_calls" ? decision.calls.map((c) => c.name) : [],
    noToolReason: decision.kind === "no_tool" ? decision.reason : null,
    split: r.split as Split,
    reviewState: r.reviewState as ReviewState,
    invalid: r.invalid,
    issueCount: issues.length,
    tags: tagsOf(r.tags),
    needsReason: r.needsReason === true && issues.some((i) => i.path.endsWith(".reason")),
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: authorLabel(r.updatedBy),
  };
}
