import { describe, expect, it } from "vitest";
import { draftFromAnswer, exampleFromDraft } from "@/lib/forms/playground-example";
import { exampleInputSchema } from "@/lib/schemas/example";

describe("draftFromAnswer", () => {
  it("starts from the parsed calls, arguments as pretty JSON", () => {
    const { draft, note } = draftFromAnswer({ error: null, parsed: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-48213" } }] } });
    expect(note).toBeNull();
    expect(draft).toEqual({ kind: "tool_calls", calls: [{ name: "track_order", argsText: '{\n  "order_id": "ORD-48213"\n}' }] });
  });

  it("starts from a no_tool answer's reason", () => {
    expect(draftFromAnswer({ error: null, parsed: { kind: "no_tool", reason: "greeting / small talk" } }).draft).toEqual({ kind: "no_tool", reason: "greeting / small talk" });
  });

  it("starts an answer that did not parse, or a failed request, as no_tool with an empty reason and says why", () => {
    const unparsed = draftFromAnswer({ error: null, parsed: null });
    expect(unparsed.draft).toEqual({ kind: "no_tool", reason: "" });
    expect(unparsed.note).toMatch(/did not parse/);
    expect(draftFromAnswer({ error: "HTTP 500", parsed: null }).note).toMatch(/request failed/);
  });
});

describe("exampleFromDraft", () => {
  it("makes the editor's ExampleInput: earlier turns, the request, then the edited target, with split and tags", () => {
    const history = [
      { role: "user" as const, content: "hi" },
      { role: "assistant" as const, decision: { kind: "no_tool" as const, reason: "greeting / small talk" }, weight: 1 as const },
    ];
    const r = exampleFromDraft({ history, request: "Where is ORD-1?", draft: { kind: "tool_calls", calls: [{ name: " track_order ", argsText: '{"order_id": "ORD-1"}' }] }, split: "gold", tags: ["playground"] });
    expect(r.issues).toEqual([]);
    expect(r.input).toEqual({
      messages: [...history, { role: "user", content: "Where is ORD-1?" }, { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-1" } }] }, weight: 1 }],
      split: "gold",
      tags: ["playground"],
    });
    expect(exampleInputSchema.safeParse(r.input).success).toBe(true);
  });

  it("reads empty arguments as {} and trims a no_tool reason", () => {
    expect(exampleFromDraft({ request: "r", draft: { kind: "tool_calls", calls: [{ name: "list", argsText: " " }] }, split: "train" }).input!.messages[1]).toMatchObject({ decision: { calls: [{ name: "list", arguments: {} }] } });
    expect(exampleFromDraft({ request: "r", draft: { kind: "no_tool", reason: "  out of scope " }, split: "train" }).input!.messages[1]).toMatchObject({ decision: { kind: "no_tool", reason: "out of scope" } });
  });

  it("names the call whose arguments are not JSON or not an object, and a call without a tool, and sends nothing", () => {
    const r = exampleFromDraft({
      request: "r",
      draft: { kind: "tool_calls", calls: [{ name: "a", argsText: '{"x": }' }, { name: "b", argsText: "[1]" }, { name: "", argsText: "{}" }] },
      split: "train",
    });
    expect(r.input).toBeNull();
    expect(r.issues.map((i) => i.path)).toEqual(["target.calls.0.arguments", "target.calls.1.arguments", "target.calls.2.name"]);
    expect(r.issues[0].message).toMatch(/^call 1 \(a\): arguments are not valid JSON: .* at line 1, column \d+$/);
    expect(r.issues[1].message).toContain("must be a JSON object");
    expect(r.issues[2].message).toBe("call 3: choose a tool");
  });

  it("refuses an empty request and a call list with no call", () => {
    expect(exampleFromDraft({ request: "  ", draft: { kind: "no_tool", reason: "x" }, split: "train" }).issues).toEqual([{ path: "request", message: "the request is empty" }]);
    expect(exampleFromDraft({ request: "r", draft: { kind: "tool_calls", calls: [] }, split: "train" }).issues[0].path).toBe("target.calls");
  });
});
