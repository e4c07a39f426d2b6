// Reads one teacher answer into an example's turns, or says why it is rejected. The decision is
// parsed and validated exactly as an eval answer is (lib/scoring: router JSON, then the catalogue's
// JSON Schemas). Pure.
import type { Message } from "../schemas/example";
import type { GenerationKind, GenerationTool, RejectionReason } from "../schemas/generate";
import { LIMITS } from "../schemas/common";
import { parseOutput } from "../scoring/parse";
import { validateDecision } from "../scoring/validate";

export type Judged =
  { ok: true; request: string; messages: Message[] } | { ok: false; reason: RejectionReason; detail: string; request: string | null };

/** The reason an answer after a tool result carries (it is a reply, not a routing no_tool). */
export const ANSWER_REASON = "answer from the tool result";

const reject = (reason: RejectionReason, detail: string, request: string | null = null): Judged => ({ ok: false, reason, detail, request });

/** A whole answer inside one code fence is read as its content; anything else must be bare JSON. */
function unfence(text: string): string {
  const m = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(text.trim());
  return m ? m[1] : text.trim();
}

export function judgeCandidate(raw: string, kind: GenerationKind, tools: readonly GenerationTool[]): Judged {
  let value: unknown;
  try {
    value = JSON.parse(unfence(raw));
  } catch (e) {
    return reject("invalid_json", `not JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return reject("invalid_json", "not a JSON object");
  const { request, tool_result, answer, reply, ...decisionJson } = value as Record<string, unknown>;
  if (typeof request !== "string" || request.trim() === "") return reject("bad_shape", 'no "request" text');
  if (request.length > LIMITS.messageContent) return reject("bad_shape", `"request" is longer than ${LIMITS.messageContent} characters`);
  const text = request.trim();
  const parsed = parseOutput(JSON.stringify(decisionJson), "router_json");
  if (!parsed.decision) return reject("bad_shape", `no decision: ${parsed.note ?? "nothing to read"}`, text);
  const decision = parsed.decision;
  const problems = validateDecision(decision, tools);
  if (problems.some((p) => p.startsWith("unknown tool "))) return reject("unknown_tool", problems.join("; "), text);
  if (problems.length > 0) return reject("schema", problems.join("; "), text);

  if (kind === "negative") {
    if (decision.kind !== "no_tool")
      return reject("wrong_kind", `asked for a no_tool negative, got a call to ${decision.calls.map((c) => c.name).join(", ")}`, text);
    const reason = decision.reason.trim();
    if (reason === "") return reject("bad_shape", "a no_tool candidate without a reason", text);
    if (reason.length > LIMITS.reason) return reject("bad_shape", `the reason is longer than ${LIMITS.reason} characters`, text);
    const content = typeof reply === "string" && reply.trim() !== "" ? reply.trim().slice(0, LIMITS.messageContent) : undefined;
    return {
      ok: true,
      request: text,
      messages: [
        { role: "user", content: text },
        { role: "assistant", decision: { kind: "no_tool", reason }, ...(content ? { content } : {}), weight: 1 },
      ],
    };
  }
  if (decision.kind !== "tool_calls")
    return reject("wrong_kind", `asked for a tool call, got no_tool (${decision.reason || "no reason"})`, text);
  const calls = decision.calls.map((c) => ({ name: c.name, arguments: c.arguments }));
  if (kind === "positive")
    return {
      ok: true,
      request: text,
      messages: [
        { role: "user", content: text },
        { role: "assistant", decision: { kind: "tool_calls", calls }, weight: 1 },
      ],
    };

  if (calls.length !== 1) return reject("bad_shape", `a multi-turn candidate makes one call, not ${calls.length}`, text);
  if (tool_result === undefined) return reject("bad_shape", 'no "tool_result"', text);
  if (typeof answer !== "string" || answer.trim() === "") return reject("bad_shape", 'no "answer" text', text);
  const result = typeof tool_result === "string" ? tool_result : JSON.stringify(tool_result);
  return {
    ok: true,
    request: text,
    messages: [
      { role: "user", content: text },
      { role: "assistant", decision: { kind: "tool_calls", calls: [{ id: "call_1", ...calls[0] }] }, weight: 1 },
      { role: "tool", toolCallId: "call_1", name: calls[0].name, content: result.slice(0, LIMITS.messageContent) },
      {
        role: "assistant",
        decision: { kind: "no_tool", reason: ANSWER_REASON },
        content: answer.trim().slice(0, LIMITS.messageContent),
        weight: 1,
      },
    ],
  };
}

/** Two requests that differ only in case, spacing or punctuation are the same request. */
export function dedupeKey(request: string): string {
  return request
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
