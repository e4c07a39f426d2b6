// The second review's keyboard map, pure so it is testable and the legend comes from the same table.
import type { KeyPress } from "./hotkeys";

export type ReviewAction =
  | { type: "chooseTool"; index: number } // 0-based, into the tools as the quick filter shows them
  | { type: "noTool" }
  | { type: "submit" }
  | { type: "next" }
  | { type: "skip" }
  | { type: "openEditor" }
  | { type: "focusFilter" };

/** Before the label is revealed the keys choose and submit; after it they move on. */
export function reviewAction(p: KeyPress, revealed: boolean): ReviewAction | null {
  if (p.ctrlKey || p.metaKey || p.altKey || p.inTextField) return null;
  if (revealed) {
    if (p.key === "n" || p.key === "Enter") return { type: "next" };
    if (p.key === "e") return { type: "openEditor" };
    return null;
  }
  if (p.key === "Enter") return { type: "submit" };
  if (p.key === "/") return { type: "focusFilter" };
  if (p.key === "s") return { type: "skip" };
  if (p.shiftKey) return null;
  if (p.key === "0") return { type: "noTool" };
  return /^[1-9]$/.test(p.key) ? { type: "chooseTool", index: Number(p.key) - 1 } : null;
}

export const REVIEW_KEY_LEGEND: { keys: string[]; action: string }[] = [
  { keys: ["1…9"], action: "choose tool N (as the filter lists them)" },
  { keys: ["0"], action: "no_tool" },
  { keys: ["/"], action: "filter the tools (Enter picks the first match)" },
  { keys: ["Enter"], action: "submit, then reveal the label" },
  { keys: ["s"], action: "skip this example for now" },
  { keys: ["n"], action: "after the reveal: next example" },
  { keys: ["e"], action: "after the reveal: open it in the editor" },
];

/** The tools a quick filter keeps: names or descriptions containing every word typed. */
export function filterTools<T extends { name: string; description?: string }>(tools: readonly T[], text: string): T[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...tools];
  return tools.filter((t) => {
    const hay = `${t.name} ${t.description ?? ""}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** A new choice after picking `name`: one tool replaces the choice, unless the project calls tools in parallel. */
export function pickTool(choice: readonly string[], name: string, parallel: boolean): string[] {
  if (!parallel) return [name];
  const tools = choice.filter((c) => c !== "no_tool");
  return tools.includes(name) ? tools.filter((c) => c !== name) : [...tools, name];
}
