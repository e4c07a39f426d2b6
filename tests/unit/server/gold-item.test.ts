// An eval scores each gold example's routing decision (its reply to the user), never the answer
// that follows a tool result: the four numbers count routing decisions.
import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/schemas/example";
import { toGoldItem } from "@/lib/server/evals/gold";

const user = (content: string): Message => ({ role: "user", content });
const calls = (name: string, args: Record<string, unknown> = {}, weight: 0 | 1 = 1): Message => ({ role: "assistant", decision: { kind: "tool_calls", calls: [{ name, arguments: args }] }, weight });
const answer = (text: string, weight: 0 | 1 = 1): Message => ({ role: "assistant", decision: { kind: "no_tool", reason: text }, content: text, weight });
const tool = (name: string): Message => ({ role: "tool", name, content: "{}" });

const row = (messages: Message[], gold: unknown = null) => ({ id: "e1", number: 1, request: "stored request", messages: JSON.stringify(messages), systemPrompt: null, gold: gold === null ? null : JSON.stringify(gold) });

describe("toGoldItem", () => {
  it("scores the call of a user → call → tool → answer trace, sent with the turns before it", () => {
    const item = toGoldItem(row([user("weather in Oslo?"), calls("get_weather", { city: "Oslo" }), tool("get_weather"), answer("4°C")]))!;
    expect(item.gold).toEqual({ kind: "tool_calls", calls: [{ name: "get_weather", arguments: { city: ["Oslo"] } }] });
    expect(item.turns).toEqual([user("weather in Oslo?")]);
    expect(item.goldLabel).toBe("get_weather");
  });

  it("scores the first call of a chained-call trace, not the chained call or the answer", () => {
    const item = toGoldItem(row([user("book the cheapest"), calls("search"), tool("search"), calls("book"), tool("book"), answer("Booked.")]))!;
    expect(item.goldLabel).toBe("search");
    expect(item.turns).toHaveLength(1);
  });

  it("scores the last routing decision of a conversation, with the request that it answers", () => {
    const m = [user("find my order"), calls("find_order"), tool("find_order"), answer("It ships today."), user("thanks!"), answer("You're welcome.")];
    const item = toGoldItem(row(m))!;
    expect(item.gold).toEqual({ kind: "no_tool", reason: "You're welcome." });
    expect(item.turns).toEqual(m.slice(0, 5));
    expect(item.request).toBe("thanks!");
  });

  it("skips weight 0 (context) turns and has no item when no routing decision is labelled and weighted", () => {
    const item = toGoldItem(row([user("a"), calls("t1"), tool("t1"), answer("done"), user("b"), answer("ok", 0)]))!;
    expect(item.goldLabel).toBe("t1");
    expect(toGoldItem(row([user("a"), calls("t1", {}, 0), tool("t1"), answer("done")]))).toBeNull();
    expect(toGoldItem(row([user("a"), { role: "assistant", decision: { kind: "unlabelled" }, weight: 1 }]))).toBeNull();
  });

  it("uses BFCL alternatives only when the scored decision is the final turn", () => {
    const alternatives = [{ name: "get_weather", arguments: { city: ["Oslo", "oslo"] } }];
    expect(toGoldItem(row([user("weather?"), calls("get_weather", { city: "Oslo" })], alternatives))!.gold).toEqual({ kind: "tool_calls", calls: alternatives });
    const trace = toGoldItem(row([user("weather?"), calls("get_weather", { city: "Oslo" }), tool("get_weather"), answer("4°C")], alternatives))!;
    expect(trace.gold).toEqual({ kind: "tool_calls", calls: [{ name: "get_weather", arguments: { city: ["Oslo"] } }] });
  });
});
