// Routing decisions (replies to a user message) and follow-ups (after a tool result), on traces.
import { describe, expect, it } from "vitest";
import { turnKinds } from "@/lib/decision-roles";
import { targetClass } from "@/lib/datasets/split";
import type { Decision, Message } from "@/lib/schemas/example";
import { decisionRoles, deriveColumns } from "@/lib/server/examples/derive";

const user = (content: string): Message => ({ role: "user", content });
const say = (decision: Decision, weight: 0 | 1 = 1): Message => ({ role: "assistant", decision, weight });
const calls = (...names: string[]): Message => say({ kind: "tool_calls", calls: names.map((name) => ({ name, arguments: {} })) });
const answer = (text: string, weight: 0 | 1 = 1): Message => ({ ...say({ kind: "no_tool", reason: text }, weight), content: text } as Message);
const unlabelled = (): Message => say({ kind: "unlabelled" });
const tool = (name: string): Message => ({ role: "tool", name, content: "{}" });

const counts = (m: Message[]) => {
  const d = deriveColumns(m);
  return { routing: d.routingCount, routingNoTool: d.routingNoToolCount, followUps: d.followUpCount, chained: d.followUpCallCount };
};

describe("decisionRoles", () => {
  it("calls the turn after a user message routing and the answer after a tool result a follow-up", () => {
    expect(decisionRoles([user("weather in Oslo?"), calls("get_weather"), tool("get_weather"), answer("It is 4°C.")])).toEqual([null, "routing", null, "follow_up"]);
  });

  it("calls a chained call after a tool result a follow-up, like the answer after it", () => {
    const trace = [user("book the cheapest"), calls("search"), tool("search"), calls("book"), tool("book"), answer("Booked.")];
    expect(decisionRoles(trace)).toEqual([null, "routing", null, "follow_up", null, "follow_up"]);
  });

  it("starts routing again at each new user message", () => {
    const chat = [user("hi"), answer("hello"), user("find x"), calls("search"), tool("search"), answer("found"), user("thanks"), answer("welcome")];
    expect(decisionRoles(chat)).toEqual([null, "routing", null, "routing", null, "follow_up", null, "routing"]);
  });
});

describe("deriveColumns counts decisions by role", () => {
  it("user → call → tool → answer: one routing call and one follow-up answer, no routing no_tool", () => {
    const m = [user("weather in Oslo?"), calls("get_weather"), tool("get_weather"), answer("It is 4°C.")];
    expect(counts(m)).toEqual({ routing: 1, routingNoTool: 0, followUps: 1, chained: 0 });
    // The old counters saw the answer as a no_tool decision: the count users did not mean.
    expect(deriveColumns(m)).toMatchObject({ decisionCount: 2, noToolCount: 1 });
  });

  it("user → call → tool → chained call → tool → answer: one routing call, two follow-ups of which one chained call", () => {
    const m = [user("book the cheapest"), calls("search"), tool("search"), calls("book"), tool("book"), answer("Booked.")];
    expect(counts(m)).toEqual({ routing: 1, routingNoTool: 0, followUps: 2, chained: 1 });
  });

  it("a single no_tool reply is one routing no_tool decision", () => {
    expect(counts([user("hello"), answer("a greeting")])).toEqual({ routing: 1, routingNoTool: 1, followUps: 0, chained: 0 });
  });

  it("leaves weight 0 turns out of every count, routing or follow-up", () => {
    const m = [user("hi"), answer("hello", 0), user("find x"), calls("search"), tool("search"), answer("found", 0), user("ok"), answer("bye")];
    expect(counts(m)).toEqual({ routing: 2, routingNoTool: 1, followUps: 0, chained: 0 });
  });

  it("leaves unlabelled turns out of every count", () => {
    expect(counts([user("find x"), unlabelled()])).toEqual({ routing: 0, routingNoTool: 0, followUps: 0, chained: 0 });
    expect(counts([user("find x"), calls("search"), tool("search"), unlabelled()])).toEqual({ routing: 1, routingNoTool: 0, followUps: 0, chained: 0 });
  });

  it("flags a routing no_tool with a blank reason, never a follow-up answer with a blank one", () => {
    expect(deriveColumns([user("hi"), say({ kind: "no_tool", reason: " " })]).needsReason).toBe(true);
    expect(deriveColumns([user("x"), calls("search"), tool("search"), say({ kind: "no_tool", reason: "" })]).needsReason).toBe(false);
  });
});

describe("targetClass (split stratification)", () => {
  const classOf = (m: Message[]) => targetClass(deriveColumns(m));

  it("classes a tool trace that ends in an answer by its tools, not as no_tool", () => {
    expect(classOf([user("weather?"), calls("get_weather"), tool("get_weather"), answer("4°C")])).toBe("get_weather");
  });

  it("classes an example whose routing decisions all decline as no_tool", () => {
    expect(classOf([user("hi"), answer("hello"), user("thanks"), answer("welcome")])).toBe("no_tool");
  });

  it("joins the tools of parallel calls in name order", () => {
    expect(classOf([user("both"), calls("b_tool", "a_tool")])).toBe("a_tool+b_tool");
  });

  it("calls an example with no counted decision unlabelled", () => {
    expect(classOf([user("x"), unlabelled()])).toBe("unlabelled");
  });
});

describe("turnKinds (the editor's label on each assistant turn)", () => {
  it("labels the call routing, the chained call and the answer as follow-ups of their kind", () => {
    const m = [user("book the cheapest"), calls("search"), tool("search"), calls("book"), tool("book"), answer("Booked.")];
    expect(turnKinds(m).map((k) => k?.label ?? null)).toEqual([null, "routing", null, "follow-up: chained call", null, "follow-up: answer"]);
  });

  it("labels a plain reply to the user routing, and an unlabelled turn after a tool result a follow-up", () => {
    expect(turnKinds([user("hi"), answer("hello")])[1]).toMatchObject({ role: "routing", label: "routing" });
    expect(turnKinds([user("x"), calls("search"), tool("search"), unlabelled()])[3]).toMatchObject({ role: "follow_up", label: "follow-up" });
  });
});
