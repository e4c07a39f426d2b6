import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Decision, Message } from "@/lib/schemas/example";
import { AppError } from "@/lib/server/errors";
import { deriveColumns, finalDecision, normaliseText, reviewStateAfterSave } from "@/lib/server/examples/derive";

const user = (content: string): Message => ({ role: "user", content });
const assistant = (decision: Decision, opts: { content?: string; weight?: 0 | 1 } = {}): Message => ({
  role: "assistant",
  decision,
  weight: opts.weight ?? 1,
  ...(opts.content === undefined ? {} : { content: opts.content }),
});
const toolCalls = (...names: string[]): Decision => ({
  kind: "tool_calls",
  calls: names.map((name) => ({ name, arguments: {} })),
});
const noTool = (reason: string): Decision => ({ kind: "no_tool", reason });
const unlabelled: Decision = { kind: "unlabelled" };

describe("normaliseText", () => {
  it("lowercases, collapses whitespace and trims", () => {
    expect(normaliseText("  Where IS\tmy\n\norder?  ")).toBe("where is my order?");
  });

  it("leaves already normal text unchanged", () => {
    expect(normaliseText("hello there")).toBe("hello there");
  });

  it("turns blank text into an empty string", () => {
    expect(normaliseText(" \n\t ")).toBe("");
  });
});

describe("finalDecision", () => {
  it("is the decision of the last turn when it is the assistant's", () => {
    expect(finalDecision([user("hi"), assistant(noTool("greeting"))])).toEqual({ kind: "no_tool", reason: "greeting" });
  });

  it("is unlabelled when the last turn is not the assistant's", () => {
    expect(finalDecision([user("hi")])).toEqual({ kind: "unlabelled" });
    expect(finalDecision([])).toEqual({ kind: "unlabelled" });
  });
});

describe("deriveColumns", () => {
  it("takes the request from the last user message", () => {
    const d = deriveColumns([
      user("Where is my order?"),
      assistant(noTool("underspecified: need order_id")),
      user("It's A1"),
      assistant(toolCalls("get_order")),
    ]);
    expect(d.request).toBe("It's A1");
  });

  it("has an empty request when there is no user message", () => {
    expect(deriveColumns([assistant(noTool("x"))]).request).toBe("");
  });

  it("caps the request at 2000 characters", () => {
    expect(deriveColumns([user("x".repeat(2500)), assistant(unlabelled)]).request).toBe("x".repeat(2000));
  });

  it("takes the target kind from the final turn, not earlier ones", () => {
    expect(deriveColumns([user("a"), assistant(toolCalls("t")), user("b"), assistant(noTool("r"))]).targetKind).toBe(
      "no_tool",
    );
    expect(deriveColumns([user("a"), assistant(noTool("r")), user("b"), assistant(toolCalls("t"))]).targetKind).toBe(
      "tool_calls",
    );
    expect(deriveColumns([user("a"), assistant(toolCalls("t")), user("b"), assistant(unlabelled)]).targetKind).toBe(
      "unlabelled",
    );
  });

  it("wraps the tools called across all turns in commas, once each, in first-use order", () => {
    const d = deriveColumns([
      user("a"),
      assistant(toolCalls("get_order", "get_weather")),
      user("b"),
      assistant(toolCalls("get_order", "cancel_order")),
    ]);
    expect(d.targetTools).toBe(",get_order,get_weather,cancel_order,");
  });

  it("wraps a single tool in commas", () => {
    expect(deriveColumns([user("a"), assistant(toolCalls("a"), {})]).targetTools).toBe(",a,");
  });

  it("includes tools from weight-0 turns in targetTools", () => {
    const d = deriveColumns([user("a"), assistant(toolCalls("a"), { weight: 0 }), user("b"), assistant(toolCalls("b"))]);
    expect(d.targetTools).toBe(",a,b,");
  });

  it("has empty targetTools when no tool is called", () => {
    expect(deriveColumns([user("hi"), assistant(noTool("greeting"))]).targetTools).toBe("");
    expect(deriveColumns([user("hi"), assistant(unlabelled)]).targetTools).toBe("");
  });

  it("skips calls without a tool name in targetTools", () => {
    expect(deriveColumns([user("a"), assistant(toolCalls("", "b"))]).targetTools).toBe(",b,");
  });

  it("counts each labelled, weighted assistant turn as one decision", () => {
    const d = deriveColumns([
      user("hi"),
      assistant(noTool("greeting")),
      user("order A1"),
      assistant(toolCalls("get_order", "get_weather")),
      user("thanks"),
      assistant(noTool("small talk")),
    ]);
    expect(d.decisionCount).toBe(3);
    expect(d.noToolCount).toBe(2);
  });

  it("skips weight-0 turns in the decision and no_tool counts", () => {
    const d = deriveColumns([
      user("hi"),
      assistant(noTool("greeting"), { weight: 0 }),
      user("order A1"),
      assistant(toolCalls("get_order"), { weight: 0 }),
      user("thanks"),
      assistant(noTool("small talk")),
    ]);
    expect(d.decisionCount).toBe(1);
    expect(d.noToolCount).toBe(1);
  });

  it("skips unlabelled turns in the decision count", () => {
    const d = deriveColumns([user("hi"), assistant(unlabelled), user("order A1"), assistant(toolCalls("get_order"))]);
    expect(d.decisionCount).toBe(1);
    expect(d.noToolCount).toBe(0);
    expect(deriveColumns([user("hi"), assistant(unlabelled)])).toMatchObject({ decisionCount: 0, noToolCount: 0 });
  });

  it("gives requests that differ only in case and whitespace the same contentHash", () => {
    const a = deriveColumns([user("Where is my order A1?"), assistant(toolCalls("get_order"))]);
    const b = deriveColumns([user("  where IS my\n order   a1? "), assistant(noTool("other label"))]);
    expect(a.contentHash).toBe(b.contentHash);
  });

  it("gives different requests different contentHashes", () => {
    const a = deriveColumns([user("Where is my order A1?"), assistant(toolCalls("get_order"))]);
    const b = deriveColumns([user("Where is my order A2?"), assistant(toolCalls("get_order"))]);
    expect(a.contentHash).not.toBe(b.contentHash);
  });

  it("hashes every user turn, so the same last request after different history differs", () => {
    const a = deriveColumns([user("hi"), assistant(noTool("g")), user("order A1"), assistant(toolCalls("get_order"))]);
    const b = deriveColumns([user("hello"), assistant(noTool("g")), user("order A1"), assistant(toolCalls("get_order"))]);
    expect(a.contentHash).not.toBe(b.contentHash);
  });

  it("keeps user turns apart in the hash, so splitting text differently changes it", () => {
    const a = deriveColumns([user("a b"), assistant(unlabelled), user("c"), assistant(unlabelled)]);
    const b = deriveColumns([user("a"), assistant(unlabelled), user("b c"), assistant(unlabelled)]);
    expect(a.contentHash).not.toBe(b.contentHash);
  });

  it("hashes the normalised user texts joined by NUL with sha256", () => {
    const d = deriveColumns([user("Hi  There"), assistant(unlabelled), user("Order A1"), assistant(unlabelled)]);
    expect(d.contentHash).toBe(createHash("sha256").update("hi there\u0000order a1").digest("hex"));
    expect(d.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("builds a lowercased searchText from requests, no_tool reasons and reply text", () => {
    const d = deriveColumns([
      user("Hello THERE"),
      assistant(noTool("Greeting / Small Talk"), { content: "Hi! How Can I Help?" }),
      user("Order  A1"),
      assistant(toolCalls("get_order")),
    ]);
    expect(d.searchText).toBe("hello there • order a1 • greeting / small talk • hi! how can i help?");
  });

  it("includes the reasons of weight-0 turns in searchText", () => {
    const d = deriveColumns([user("hi"), assistant(noTool("Ignored Reason"), { weight: 0 })]);
    expect(d.searchText).toContain("ignored reason");
  });

  it("caps searchText at 8000 characters", () => {
    const d = deriveColumns([user("y".repeat(9000)), assistant(unlabelled)]);
    expect(d.searchText).toHaveLength(8000);
  });

  it("flags a routing plain reply without a reason as needing one, but not a weight-0 context turn or an answer to a tool result", () => {
    const plain = [user("hi"), assistant(noTool(""), { content: "Hello!" })];
    expect(deriveColumns(plain).needsReason).toBe(true);
    const context = [user("weather?"), assistant(noTool(""), { content: "Which city?", weight: 0 }), user("Oslo"), assistant(toolCalls("get_weather"))];
    expect(deriveColumns(context).needsReason).toBe(false);
    const answer: Message[] = [user("weather in Oslo?"), assistant(toolCalls("get_weather")), { role: "tool", name: "get_weather", content: "{}" }, assistant(noTool(""), { content: "Sunny." })];
    expect(deriveColumns(answer).needsReason).toBe(false);
  });

  it("derives every column for a simple example", () => {
    expect(deriveColumns([user("Where is A1?"), assistant(toolCalls("get_order"))])).toEqual({
      request: "Where is A1?",
      searchText: "where is a1?",
      targetKind: "tool_calls",
      targetTools: ",get_order,",
      decisionCount: 1,
      noToolCount: 0,
      routingCount: 1,
      routingNoToolCount: 0,
      followUpCount: 0,
      followUpCallCount: 0,
      needsReason: false,
      derivedVersion: 2,
      contentHash: createHash("sha256").update("where is a1?").digest("hex"),
    });
  });
});

describe("reviewStateAfterSave", () => {
  const base = { requested: undefined, stored: undefined, targetKind: "tool_calls" as const, issues: [] };
  const someIssue = [{ path: "messages.1.calls.0.arguments.order_id", message: "is required" }];

  it("keeps an unlabelled target a draft", () => {
    expect(reviewStateAfterSave({ ...base, targetKind: "unlabelled" })).toBe("draft");
    expect(reviewStateAfterSave({ ...base, targetKind: "unlabelled", stored: "reviewed" })).toBe("draft");
    expect(reviewStateAfterSave({ ...base, targetKind: "unlabelled", requested: "draft" })).toBe("draft");
  });

  function thrownBy(fn: () => unknown): AppError {
    try {
      fn();
    } catch (e) {
      if (e instanceof AppError) return e;
      throw new Error(`expected an AppError, got ${String(e)}`);
    }
    throw new Error("expected an AppError, but nothing was thrown");
  }

  it("refuses to mark an unlabelled target labelled, with a validation_failed error on reviewState", () => {
    const error = thrownBy(() => reviewStateAfterSave({ ...base, targetKind: "unlabelled", requested: "labelled" }));
    expect(error.code).toBe("validation_failed");
    expect(error.extra.field).toBe("reviewState");
    expect(error.extra.issues).toEqual([{ path: "reviewState", message: "label the target before marking it labelled" }]);
  });

  it("refuses to mark an unlabelled target reviewed, with a validation_failed error on reviewState", () => {
    const error = thrownBy(() => reviewStateAfterSave({ ...base, targetKind: "unlabelled", requested: "reviewed" }));
    expect(error.code).toBe("validation_failed");
    expect(error.extra.issues).toEqual([{ path: "reviewState", message: "label the target before marking it reviewed" }]);
  });

  it("makes an invalid target a draft whatever was requested or stored", () => {
    expect(reviewStateAfterSave({ ...base, issues: someIssue })).toBe("draft");
    expect(reviewStateAfterSave({ ...base, issues: someIssue, requested: "reviewed" })).toBe("draft");
    expect(reviewStateAfterSave({ ...base, issues: someIssue, stored: "reviewed" })).toBe("draft");
    expect(reviewStateAfterSave({ ...base, targetKind: "no_tool", issues: someIssue, stored: "labelled" })).toBe("draft");
  });

  it("moves a valid new example or draft to labelled", () => {
    expect(reviewStateAfterSave({ ...base })).toBe("labelled");
    expect(reviewStateAfterSave({ ...base, stored: "draft" })).toBe("labelled");
    expect(reviewStateAfterSave({ ...base, targetKind: "no_tool", stored: "draft" })).toBe("labelled");
  });

  it("honours an explicitly requested state for a valid target", () => {
    expect(reviewStateAfterSave({ ...base, requested: "reviewed" })).toBe("reviewed");
    expect(reviewStateAfterSave({ ...base, requested: "draft", stored: "labelled" })).toBe("draft");
    expect(reviewStateAfterSave({ ...base, requested: "labelled", stored: "reviewed" })).toBe("labelled");
  });

  it("keeps a stored labelled or reviewed state when nothing is requested", () => {
    expect(reviewStateAfterSave({ ...base, stored: "reviewed" })).toBe("reviewed");
    expect(reviewStateAfterSave({ ...base, stored: "labelled" })).toBe("labelled");
  });
});
