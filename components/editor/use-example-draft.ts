"use client";

import { useMemo, useState } from "react";
import { splitList } from "@/lib/client/format";
import { emptyMessages, setDecisionAt, replaceAt, sortIssues } from "@/lib/forms/example-draft";
import { parseJsonText } from "@/lib/forms/json-text";
import { zodIssues, type Issue, type ReviewState, type Split } from "@/lib/schemas/common";
import { messagesSchema, type Decision, type ExampleDto, type ExampleInput, type Message } from "@/lib/schemas/example";
import type { ProjectDto } from "@/lib/schemas/project";
import type { ToolDto } from "@/lib/schemas/tool";
import { validateMessages } from "@/lib/validation/example";
import type { NewExampleDefaults } from "./ExampleEditorPage";

/** The editor's draft of one example, its live issues, and the edits that change it. */
export function useExampleDraft(initial: ExampleDto | null, defaults: NewExampleDefaults, project: ProjectDto, tools: ToolDto[]) {
  const [messages, setMessages] = useState<Message[]>(() => initial?.messages ?? emptyMessages());
  const [split, setSplitState] = useState<Split>(initial?.split ?? defaults.split);
  const [tagsText, setTagsTextState] = useState((initial?.tags ?? defaults.tags).join(", "));
  // null = let the server decide (a valid label promotes a draft to "labelled").
  const [reviewChoice, setReviewChoiceState] = useState<ReviewState | null>(null);
  const [argTexts, setArgTexts] = useState<Record<string, string>>({});
  const [rawArgs, setRawArgsState] = useState<Record<string, string>>({});
  // Edits are counted so a save that finishes while the user keeps typing does not mark it clean.
  const [edits, setEdits] = useState(0);
  const [savedEdits, setSavedEdits] = useState(0);
  const edited = () => setEdits((n) => n + 1);

  const issues = useMemo(() => liveIssues(messages, project, tools), [messages, project, tools]);
  const rawErrors = Object.entries(rawArgs).flatMap(([key, text]) => {
    const p = parseJsonText(text);
    if (!p.ok) return [{ key, message: `line ${p.error.line}, column ${p.error.column}: ${p.error.message}` }];
    if (typeof p.value !== "object" || p.value === null || Array.isArray(p.value)) return [{ key, message: "arguments must be a JSON object" }];
    return [];
  });

  return {
    messages,
    split,
    tagsText,
    reviewChoice,
    argTexts,
    rawArgs,
    issues,
    rawErrors,
    edits,
    dirty: edits !== savedEdits,
    markSaved: (at: number) => setSavedEdits(at),
    setMessage(index: number, m: Message) {
      setMessages((ms) => replaceAt(ms, index, m));
      edited();
    },
    /** Adds or removes turns: typed argument text is rebuilt from the values. */
    setAllMessages(next: Message[]) {
      setMessages(next);
      setArgTexts({});
      setRawArgsState({});
      edited();
    },
    updateDecision(index: number, change: (d: Decision) => Decision, structural = false) {
      setMessages((ms) => {
        const m = ms[index];
        return m?.role === "assistant" ? setDecisionAt(ms, index, change(m.decision)) : ms;
      });
      if (structural) {
        setArgTexts((t) => Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith(`messages.${index}.`))));
        setRawArgsState((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith(`${index}.`))));
      }
      edited();
    },
    setArgText: (path: string, text: string) => setArgTexts((t) => ({ ...t, [path]: text })),
    clearArgTexts: (prefix: string) => setArgTexts((t) => Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith(prefix)))),
    setRawArgs: (key: string, text: string | null) =>
      setRawArgsState((r) => {
        const next = { ...r };
        if (text === null) delete next[key];
        else next[key] = text;
        return next;
      }),
    setSplit(s: Split) {
      setSplitState(s);
      edited();
    },
    setTagsText(t: string) {
      setTagsTextState(t);
      edited();
    },
    setReviewChoice(r: ReviewState | null) {
      setReviewChoiceState(r);
      edited();
    },
    clearReviewChoice: () => setReviewChoiceState(null),
    /** What is sent to the server. reviewState only when the user chose one. */
    body(): ExampleInput {
      return { messages: messages.map(clean), split, tags: splitList(tagsText), ...(reviewChoice ? { reviewState: reviewChoice } : {}) };
    },
  };
}

export type ExampleDraft = ReturnType<typeof useExampleDraft>;

function clean(m: Message): Message {
  if (m.role === "assistant" && m.content !== undefined && m.content.trim() === "") {
    const { content: _drop, ...rest } = m;
    return rest;
  }
  return m;
}

/** validateMessages against the project's catalogue, plus the shape rules (lengths, counts) of the schema. */
function liveIssues(messages: Message[], project: ProjectDto, tools: ToolDto[]): Issue[] {
  const ctx = { tools: tools.map((t) => ({ name: t.name, parameters: t.parameters, archived: t.archived })), parallelToolCalls: project.parallelToolCalls, outputStyle: project.outputStyle };
  const found = validateMessages(messages, ctx);
  const shape = messagesSchema.safeParse(messages);
  if (!shape.success) {
    for (const i of zodIssues(shape.error)) {
      // "1.decision.calls.0.name" -> "messages.1.calls.0.name", the paths validateMessages uses.
      const path = i.path === "" ? "messages" : `messages.${i.path.replace(/^(\d+)\.decision\./, "$1.")}`;
      found.push({ path, message: i.message });
    }
  }
  const seen = new Set<string>();
  return sortIssues(found.filter((i) => (seen.has(i.path + "\u0000" + i.message) ? false : (seen.add(i.path + "\u0000" + i.message), true))));
}
