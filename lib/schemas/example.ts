import { z } from "zod";
import type { ExampleOriginDto } from "./eval-failures";
import { LIMITS, reviewStateSchema, splitSchema, type Issue, type ReviewState, type Split } from "./common";

const content = z.string().max(LIMITS.messageContent, `text is longer than ${LIMITS.messageContent} characters`);

export const toolCallSchema = z.object({
  id: z.string().max(128).optional(),
  name: z.string().min(1, "choose a tool").max(64),
  arguments: z.record(z.string(), z.unknown()),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

/** What the assistant did at one turn: call tools, decline (no_tool, with a reason), or not labelled yet. */
export const decisionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("tool_calls"),
    calls: z.array(toolCallSchema).min(1, "add at least one tool call").max(LIMITS.callsPerDecision),
  }),
  z.object({
    kind: z.literal("no_tool"),
    reason: z.string().max(LIMITS.reason, `reason is longer than ${LIMITS.reason} characters`),
  }),
  z.object({ kind: z.literal("unlabelled") }),
]);
export type Decision = z.infer<typeof decisionSchema>;

export const messageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("user"), content }),
  z.object({
    role: z.literal("assistant"),
    decision: decisionSchema,
    // The visible reply text (a no_tool answer in native style, or text next to tool calls).
    content: content.optional(),
    // Reasoning the assistant wrote before acting (typed "reasoning" content parts); kept, never trained on by default.
    reasoning: z.string().max(100_000).optional(),
    weight: z.union([z.literal(0), z.literal(1)]).default(1),
  }),
  z.object({ role: z.literal("tool"), toolCallId: z.string().max(128).optional(), name: z.string().max(64), content }),
]);
export type Message = z.infer<typeof messageSchema>;
export type AssistantMessage = Extract<Message, { role: "assistant" }>;

export const messagesSchema = z
  .array(messageSchema)
  .min(2, "an example needs a user request and a target")
  .max(LIMITS.messages, `an example has at most ${LIMITS.messages} turns`)
  .superRefine((msgs, ctx) => {
    if (!msgs.some((m) => m.role === "user")) ctx.addIssue({ code: "custom", message: "an example needs a user request" });
    if (msgs.at(-1)?.role !== "assistant")
      ctx.addIssue({ code: "custom", path: [msgs.length - 1], message: "the last turn must be the assistant's target" });
  });

const tagsSchema = z
  .array(z.string().trim().min(1).max(LIMITS.tag, `a tag is longer than ${LIMITS.tag} characters`))
  .max(LIMITS.tags, `at most ${LIMITS.tags} tags`);

// Fields without defaults: an update must not reset what it does not mention.
const exampleFields = z.object({
  messages: messagesSchema,
  split: splitSchema,
  reviewState: reviewStateSchema,
  tags: tagsSchema,
});

export const exampleInputSchema = exampleFields.extend({
  split: splitSchema.default("unassigned"),
  reviewState: reviewStateSchema.optional(),
  tags: tagsSchema.default([]),
});
export type ExampleInput = z.input<typeof exampleInputSchema>;

/** An update must carry the version it was based on; a stale version is a conflict (409). */
export const exampleUpdateSchema = exampleFields.partial().extend({ version: z.number().int().positive() });
export type ExampleUpdate = z.input<typeof exampleUpdateSchema>;

export const TARGET_KINDS = ["tool_calls", "no_tool", "unlabelled"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The list's sort: a column, "-" first for descending; the example number breaks ties. */
export const EXAMPLE_SORTS = ["number", "-number", "updated", "-updated", "tool", "-tool", "review", "-review"] as const;
export type ExampleSort = (typeof EXAMPLE_SORTS)[number];
export const EXAMPLE_PAGE_SIZES = [50, 100, 200] as const;

export const exampleListQuerySchema = z.object({
  tool: z.string().max(64).optional(),
  /** Examples carrying this tag. */
  tag: z.string().trim().min(1).max(LIMITS.tag).optional(),
  /** Examples last saved by this user (id). */
  author: z.string().min(1).max(64).optional(),
  kind: z.enum(TARGET_KINDS).optional(),
  split: splitSchema.optional(),
  review: reviewStateSchema.optional(),
  invalid: z.enum(["true", "false"]).optional(),
  /** Only examples with a no_tool reason still to write (plain replies imported into a router_json project). */
  needsReason: z.enum(["true"], { error: 'needsReason must be "true" (or left out)' }).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(EXAMPLE_SORTS, { error: `sort must be one of ${EXAMPLE_SORTS.join(", ")}` }).default("number"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type ExampleListQuery = z.infer<typeof exampleListQuerySchema>;

export interface ExampleSummaryDto {
  id: string;
  number: number;
  request: string;
  targetKind: TargetKind;
  targetTools: string[];
  noToolReason: string | null;
  split: Split;
  reviewState: ReviewState;
  invalid: boolean;
  issueCount: number;
  tags: string[];
  /** A routing no_tool decision has no reason yet: its issues say so (and may say more). */
  needsReason: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ExampleDto {
  id: string;
  number: number;
  /** Made from an eval's failure ("add to training data"): which eval and example; absent otherwise. */
  origin?: ExampleOriginDto;
  messages: Message[];
  split: Split;
  reviewState: ReviewState;
  tags: string[];
  source: string;
  invalid: boolean;
  issues: Issue[];
  validatedVersion: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface ExampleListDto {
  items: ExampleSummaryDto[];
  total: number;
  /** A text search with more matches than it counts (lib/server/examples/search.ts): "1,000+". */
  totalIsLowerBound: boolean;
  page: number;
  pageSize: number;
}

export interface ExampleNeighboursDto {
  previousId: string | null;
  nextId: string | null;
  /** Where this example is in the filter and sort ("12 / 340"); null when it no longer matches. */
  position: number | null;
  total: number;
  /** A text search counts up to its cap: `total` is then "at least". */
  totalIsLowerBound: boolean;
}

/** Common no_tool reasons offered in the editor; free text is allowed too. */
export const NO_TOOL_REASONS = ["greeting / small talk", "information request", "underspecified: need ", "out of scope"] as const;

/** A change to many examples at once (lib/server/examples/bulk.ts): chosen ids, or every example the list's filters match. */
const bulkTagsSchema = z
  .array(z.string().trim().min(1).max(LIMITS.tag, `a tag is longer than ${LIMITS.tag} characters`))
  .min(1)
  .max(LIMITS.tags);

/** At most this many ids in one bulk change; "select all matching" sends the filter instead. */
export const BULK_IDS_MAX = 20_000;

export const exampleBulkChangeSchema = z
  .object({
    ids: z
      .array(z.string().min(1))
      .min(1, "ids: choose at least one example")
      .max(BULK_IDS_MAX, "ids: at most 20,000 at once; use a filter for more")
      .optional(),
    filter: exampleListQuerySchema.omit({ page: true, pageSize: true, sort: true }).optional(),
    set: z
      .object({
        reviewState: reviewStateSchema.optional(),
        split: splitSchema.optional(),
        addTags: bulkTagsSchema.optional(),
        removeTags: bulkTagsSchema.optional(),
      })
      .refine(
        (s) => s.reviewState !== undefined || s.split !== undefined || s.addTags !== undefined || s.removeTags !== undefined,
        "set: give a reviewState, a split, tags to add or tags to remove",
      )
      .optional(),
    /** Move the examples to the project's trash (restorable; undo puts them back). */
    trash: z.literal(true).optional(),
    /** Count what the change would do without writing anything. */
    dryRun: z.boolean().optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), {
    message: "give either ids or filter, not both or neither",
    path: ["ids"],
  })
  .refine((b) => (b.set === undefined) !== (b.trash === undefined), { message: "give either set or trash: true", path: ["set"] });
export type ExampleBulkChange = z.input<typeof exampleBulkChangeSchema>;

/** Examples to put back from the project's trash. */
export const exampleRestoreSchema = z.object({
  ids: z.array(z.string().min(1)).min(1, "ids: choose at least one example").max(BULK_IDS_MAX),
});

export interface ExampleBulkResultDto {
  /** Examples the ids or the filter selected. */
  matched: number;
  /** Examples changed (each has a new version and a revision). */
  changed: number;
  /** Already as asked. */
  unchanged: number;
  /** Not changed, by reason ("unlabelled": label the target first; "invalid": fix its issues first; "tooManyTags": over the limit of tags). */
  skipped: { unlabelled: number; invalid: number; tooManyTags: number };
  /** Nothing was written: the counts say what the change would do. */
  dryRun: boolean;
  /** Undo this change with POST …/examples/bulk/{changeId}/undo (null for a dry run or when nothing changed). */
  changeId: string | null;
}

export interface ExampleFacetsDto {
  tags: { tag: string; count: number }[];
  /** People who last saved examples (the list's author filter takes the id). */
  authors: { id: string; label: string; count: number }[];
}

/** The project's trashed examples, newest first (a page of them), and how many there are. */
export interface TrashedExamplesDto {
  items: { id: string; number: number; request: string; trashedAt: string; bulkChangeId: string | null }[];
  total: number;
}

export interface ExampleUndoResultDto {
  /** Examples put back as they were before the change. */
  restored: number;
  /** Examples saved by someone since the change: left as they are now. */
  keptNewer: number;
}
