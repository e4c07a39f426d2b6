// Shapes of the demo projects a fresh install is seeded with, plus small builders that keep the
// example lists in customer-support.ts and task-management.ts readable.
import type { OutputStyle, Split } from "../../lib/schemas/common";
import type { Message } from "../../lib/schemas/example";

export interface SeedTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface SeedExample {
  messages: Message[];
  split?: Split;
  tags?: string[];
}

export interface SeedProject {
  name: string;
  description: string;
  outputStyle: OutputStyle;
  parallelToolCalls: boolean;
  tools: SeedTool[];
  examples: SeedExample[];
}

type Args = Record<string, unknown>;

/** A user turn. */
export const user = (content: string): Message => ({ role: "user", content });

/** An assistant target that calls one tool. Pass `id` when a tool reply follows in the history. */
export const call = (name: string, args: Args, id?: string): Message => ({
  role: "assistant",
  decision: {
    kind: "tool_calls",
    calls: [{ ...(id ? { id } : {}), name, arguments: args }],
  },
  weight: 1,
});

/** An assistant target that calls several tools at once (projects with parallel calls only). */
export const parallel = (...calls: [name: string, args: Args][]): Message => ({
  role: "assistant",
  decision: {
    kind: "tool_calls",
    calls: calls.map(([name, args]) => ({ name, arguments: args })),
  },
  weight: 1,
});

/** An assistant target that calls no tool: a short reason plus the visible reply. */
export const noTool = (reason: string, reply: string): Message => ({
  role: "assistant",
  decision: { kind: "no_tool", reason },
  content: reply,
  weight: 1,
});

/** What the application got back from a tool call earlier in the conversation. */
export const toolResult = (
  toolCallId: string,
  name: string,
  result: unknown,
): Message => ({
  role: "tool",
  toolCallId,
  name,
  content: JSON.stringify(result),
});

/** One example; the last message is the target. */
export const example = (
  split: Split,
  tags: string[],
  ...messages: Message[]
): SeedExample => ({ split, tags, messages });
