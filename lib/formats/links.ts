// Links tool results to the calls they answer. Files do it by id (OpenAI `tool_call_id`), by name
// (legacy `function` messages) or by position (ShareGPT observations, id-less tool messages); ToolTune
// stores the id on both sides, generating `call_<turn>_<j>` (turn = index in example.messages) when a
// call has none.
import type { Message, ToolCall } from "../schemas/example";
import { fail } from "./util";

export function callId(turn: number, j: number): string {
  return `call_${turn}_${j}`;
}

export class CallLinker {
  /** Every call seen so far, by id: a tool_call_id may answer any earlier call. */
  private readonly known = new Map<string, string>();
  /** Calls of the latest assistant turn that no result has answered yet (for positional linking). */
  private pending: ToolCall[] = [];

  constructor(private readonly assignIds = true) {}

  /** Registers the calls of the assistant turn at `turn`; returns them with ids filled in. */
  addCalls(turn: number, calls: ToolCall[]): ToolCall[] {
    const out = calls.map((c, j) => (c.id !== undefined || !this.assignIds ? c : { ...c, id: callId(turn, j) }));
    for (const c of out) if (c.id !== undefined) this.known.set(c.id, c.name);
    this.pending = [...out];
    return out;
  }

  /** A user turn or a plain reply: later results can no longer answer earlier calls by position. */
  endTurn() {
    this.pending = [];
  }

  /** The call a tool result answers: by its id when it has one, else the next waiting call (of that name). */
  link(path: string, id: string | undefined, name: string | undefined): { toolCallId?: string; name: string } {
    if (id !== undefined) {
      const called = this.known.get(id);
      if (called === undefined) fail("orphan_tool_reply", `${path}.tool_call_id ${JSON.stringify(id)} matches no earlier tool call`);
      this.pending = this.pending.filter((c) => c.id !== id);
      return { toolCallId: id, name: name ?? called };
    }
    const byName = name === undefined ? -1 : this.pending.findIndex((c) => c.name === name);
    const k = byName >= 0 ? byName : 0;
    const call = this.pending[k];
    if (call === undefined) fail("orphan_tool_reply", `${path} is a tool result, but no earlier tool call is waiting for one`);
    this.pending.splice(k, 1);
    return call.id === undefined ? { name: name ?? call.name } : { toolCallId: call.id, name: name ?? call.name };
  }
}

/**
 * For writers: every call gets an id and every tool result the id of the call it answers, where
 * that can be worked out. Results that answer nothing keep toolCallId undefined.
 */
export function withCallIds(messages: readonly Message[]): Message[] {
  const linker = new CallLinker(true);
  return messages.map((m, i) => {
    if (m.role === "user") linker.endTurn();
    if (m.role === "assistant") {
      if (m.decision.kind !== "tool_calls") {
        linker.endTurn();
        return m;
      }
      return { ...m, decision: { kind: "tool_calls", calls: linker.addCalls(i, m.decision.calls) } };
    }
    if (m.role === "tool") {
      try {
        const link = linker.link(`messages[${i}]`, m.toolCallId, m.name);
        return { ...m, toolCallId: link.toolCallId };
      } catch {
        return m;
      }
    }
    return m;
  });
}
