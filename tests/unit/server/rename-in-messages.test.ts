import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/schemas/example";
import { renameInMessages } from "@/lib/server/tools/rename-in-examples";

const trace: Message[] = [
  { role: "user", content: "where is O-1, and escalate" },
  {
    role: "assistant",
    decision: { kind: "tool_calls", calls: [{ id: "a", name: "track_order", arguments: { order_id: "O-1" } }, { name: "escalate", arguments: {} }] },
    weight: 1,
  },
  { role: "tool", toolCallId: "a", name: "track_order", content: "{}" },
  { role: "tool", name: "escalate", content: "{}" },
  { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "O-2" } }] }, weight: 0 },
  { role: "assistant", decision: { kind: "no_tool", reason: "track_order said shipped" }, content: "It shipped.", weight: 1 },
];

describe("renameInMessages", () => {
  it("renames every call of the old name and the tool results named after it, and nothing else", () => {
    const r = renameInMessages(trace, "track_order", "find_order");
    expect(r?.calls).toBe(2);
    expect(r?.messages).toEqual([
      trace[0],
      { ...trace[1], decision: { kind: "tool_calls", calls: [{ id: "a", name: "find_order", arguments: { order_id: "O-1" } }, { name: "escalate", arguments: {} }] } },
      { ...trace[2], name: "find_order" },
      trace[3],
      { ...trace[4], decision: { kind: "tool_calls", calls: [{ name: "find_order", arguments: { order_id: "O-2" } }] } },
      trace[5],
    ]);
  });

  it("returns null when the name is not used, so the example is left alone", () => {
    expect(renameInMessages(trace, "cancel_order", "x")).toBeNull();
  });
});
