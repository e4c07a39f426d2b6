"use client";

import { createContext, useContext } from "react";
import type { ArgField } from "@/lib/forms/arguments-form";
import type { Issue } from "@/lib/schemas/common";
import type { Decision, Message } from "@/lib/schemas/example";
import type { OutputStyle } from "@/lib/schemas/common";
import type { ToolDto } from "@/lib/schemas/tool";

/** What every part of the example editor needs: the catalogue, live issues, and the ways to change the draft. */
export interface EditorContextValue {
  projectId: string;
  messages: Message[];
  /** Active tools in catalogue order; the first nine answer to 1..9. */
  activeTools: ToolDto[];
  toolByName: Map<string, ToolDto>;
  fieldsOf: (toolName: string) => ArgField[];
  issues: Issue[];
  outputStyle: OutputStyle;
  parallelToolCalls: boolean;
  /** Text typed into argument inputs, by issue path, while it differs from the stored value's text. */
  argTexts: Record<string, string>;
  /** Raw JSON typed for a call's arguments, by "messageIndex.callIndex" (present = raw mode). */
  rawArgs: Record<string, string>;
  setArgText: (path: string, text: string) => void;
  /** Forgets typed argument text under a path prefix (the inputs then show the stored values). */
  clearArgTexts: (prefix: string) => void;
  setMessage: (index: number, m: Message) => void;
  setRawArgs: (key: string, text: string | null) => void;
  /** Changes the decision of assistant message `index`. `structural`: inputs are rebuilt from values. */
  updateDecision: (index: number, change: (d: Decision) => Decision, structural?: boolean) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error("useEditor outside the example editor");
  return ctx;
}

/** DOM ids shared by the parts that focus each other. */
export const domIds = {
  request: "example-request",
  reason: (i: number) => `reason-${i}`,
  arg: (i: number, j: number, name: string) => `arg-${i}-${j}-${name}`,
  call: (i: number, j: number) => `call-${i}-${j}`,
};
