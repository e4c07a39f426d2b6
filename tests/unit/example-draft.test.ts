import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/schemas/example";
import { addCall, addHistoryTurn, chooseTool, describeDecision, emptyMessages, historyLength, issueLabel, removeCall, requestIndex } from "@/lib/forms/example-draft";

const keepA = (args: Record<string, unknown>) => ("a" in args ? { a: args.a } : {});

describe("example drafts", () => {
  it("starts with an empty request and an unlabelled target", () => {
    const m = emptyMessages();
    expect(requestIndex(m)).toBe(0);
    expect(historyLength(m)).toBe(0);
    expect(m[1]).toMatchObject({ role: "assistant", decision: { kind: "unlabelled" } });
  });

  it("adds history turns before the request", () => {
    const m = addHistoryTurn(addHistoryTurn(emptyMessages(), "user"), "assistant");
    expect(m.map((x) => x.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(requestIndex(m)).toBe(2);
    expect(historyLength(m)).toBe(2);
  });

  it("starts a call when a tool is chosen, and keeps shared arguments when switching tools", () => {
    const d1 = chooseTool({ kind: "no_tool", reason: "x" }, 0, "get_weather", keepA);
    expect(d1).toEqual({ kind: "tool_calls", calls: [{ name: "get_weather", arguments: {} }] });
    const d2 = chooseTool({ kind: "tool_calls", calls: [{ name: "t1", arguments: { a: 1, b: 2 } }] }, 0, "t2", keepA);
    expect(d2).toEqual({ kind: "tool_calls", calls: [{ name: "t2", arguments: { a: 1 } }] });
  });

  it("adds and removes parallel calls; removing the last call leaves the target unlabelled", () => {
    const d = addCall({ kind: "tool_calls", calls: [{ name: "a", arguments: {} }] }, "b");
    expect(d.kind === "tool_calls" && d.calls.map((c) => c.name)).toEqual(["a", "b"]);
    expect(removeCall(removeCall(d, 0), 0)).toEqual({ kind: "unlabelled" });
  });

  it("labels issue paths the way the editor shows them", () => {
    const m: Message[] = [
      { role: "user", content: "hi" },
      { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "get_order", arguments: {} }] }, weight: 1 },
    ];
    expect(issueLabel("messages.1.calls.0.arguments.order_id", m)).toBe("Target · get_order · order_id");
    expect(issueLabel("messages.1.calls.0.name", m)).toBe("Target · get_order · tool");
    expect(issueLabel("messages.1.reason", m)).toBe("Target · no_tool reason");
    expect(issueLabel("messages.0", m)).toBe("Request");
  });
});

describe("describeDecision", () => {
  it("summarises calls, no_tool and unlabelled targets on one line", () => {
    expect(describeDecision({ kind: "tool_calls", calls: [{ name: "a", arguments: { x: 1, y: "z" } }, { name: "b", arguments: {} }] })).toBe('a(x=1, y="z") + b()');
    expect(describeDecision({ kind: "no_tool", reason: "greeting" })).toBe("no_tool: greeting");
    expect(describeDecision({ kind: "unlabelled" })).toBe("unlabelled");
  });
});
