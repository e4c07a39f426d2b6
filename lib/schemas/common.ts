import { z } from "zod";

export const LIMITS = {
  projectName: 120,
  projectDescription: 2000,
  toolDescription: 4000,
  parametersBytes: 64 * 1024,
  systemPrompt: 32_000,
  // Tool results and long replies are real data: generous, but bounded.
  messageContent: 200_000,
  messages: 200,
  callsPerDecision: 16,
  reason: 500,
  tags: 32,
  tag: 64,
  pageSize: 200,
  // Bounded by construction, so their lists are always served whole: a catalogue is sent to the
  // model with every request (OpenAI accepts 128 tools), and endpoints are a short admin list.
  toolsPerProject: 512,
  endpoints: 200,
  // The projects page lists at most this many (newest first beyond it).
  projectsListed: 1000,
} as const;

export const SPLITS = ["unassigned", "train", "validation", "gold"] as const;
export type Split = (typeof SPLITS)[number];
export const splitSchema = z.enum(SPLITS);

export const REVIEW_STATES = ["draft", "labelled", "reviewed"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const reviewStateSchema = z.enum(REVIEW_STATES);

export const OUTPUT_STYLES = ["router_json", "native_tools"] as const;
export type OutputStyle = (typeof OUTPUT_STYLES)[number];
export const outputStyleSchema = z.enum(OUTPUT_STYLES);

/** One problem found in user input or stored data, located by a dotted path ("calls.0.arguments.order_id"). */
export interface Issue {
  path: string;
  message: string;
}
export const issueSchema = z.object({ path: z.string(), message: z.string() });

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; issues?: Issue[]; current?: unknown; requestId?: string };
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/**
 * A page of a version history, newest first: at most `limit` entries (default 100, at most 200)
 * older than version `before`. Lists that grow without bound (catalogue versions, revisions) take it.
 */
export const historyPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  before: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;
