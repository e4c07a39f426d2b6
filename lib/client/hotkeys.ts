// The example editor's keyboard map, as a pure function from a key press to an action, so the map
// is testable and the legend can be generated from the same table.

export type EditorAction =
  | { type: "save" }
  | { type: "saveAndNext" }
  | { type: "next" }
  | { type: "previous" }
  | { type: "chooseTool"; index: number } // 0-based index into the numbered tools
  | { type: "noTool" }
  /** Mark reviewed, save, and go to the next example in the filter (the review queue). */
  | { type: "markReviewed" }
  /** Set back to draft and save (stays on the example). */
  | { type: "markDraft" }
  /** Open the quick tool filter (any tool, also past the ninth). */
  | { type: "quickTool" }
  | { type: "leaveField" };

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Focus is in a text input, textarea, select or contenteditable: plain keys belong to it. */
  inTextField: boolean;
}

/** The parts of a key event the keyboard maps read (editor, second review). */
export function keyPressOf(
  e: Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">,
  inTextField: boolean,
): KeyPress {
  return { key: e.key, code: e.code, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey, inTextField };
}

function digitOf(p: KeyPress): number | null {
  // Alt+digit types special characters on macOS, so read the physical key too.
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(p.code);
  if (m) return Number(m[1]);
  return /^[0-9]$/.test(p.key) ? Number(p.key) : null;
}

export function editorAction(p: KeyPress): EditorAction | null {
  const mod = p.ctrlKey || p.metaKey;
  if (mod && !p.altKey && p.key === "Enter") return { type: "saveAndNext" };
  if (mod && !p.altKey && !p.shiftKey && (p.key === "s" || p.key === "S")) return { type: "save" };
  if (mod) return null;
  if (p.altKey && !p.shiftKey) {
    if (p.key === "ArrowDown") return { type: "next" };
    if (p.key === "ArrowUp") return { type: "previous" };
    const d = digitOf(p);
    if (d === 0) return { type: "noTool" };
    if (d !== null) return { type: "chooseTool", index: d - 1 };
    return null;
  }
  if (p.altKey) return null;
  if (p.key === "Escape" && p.inTextField) return { type: "leaveField" };
  if (p.inTextField || p.shiftKey) return null;
  switch (p.key) {
    case "j":
      return { type: "next" };
    case "k":
      return { type: "previous" };
    case "s":
      return { type: "save" };
    case "n":
    case "0":
      return { type: "noTool" };
    case "r":
      return { type: "markReviewed" };
    case "d":
      return { type: "markDraft" };
    case "t":
    case "/":
      return { type: "quickTool" };
  }
  const d = /^[1-9]$/.test(p.key) ? Number(p.key) : null;
  return d === null ? null : { type: "chooseTool", index: d - 1 };
}

/** The legend shown beside the editor; kept next to the map so they cannot drift apart. */
export const EDITOR_KEY_LEGEND: { keys: string[]; action: string }[] = [
  { keys: ["Ctrl+Enter"], action: "save, then next example" },
  { keys: ["Ctrl+S", "s"], action: "save" },
  { keys: ["Alt+↓", "j"], action: "next example" },
  { keys: ["Alt+↑", "k"], action: "previous example" },
  { keys: ["Alt+1…9", "1…9"], action: "choose tool N" },
  { keys: ["Alt+0", "0", "n"], action: "no_tool (then type the reason)" },
  { keys: ["t", "/"], action: "find a tool by name (any tool, past the ninth too)" },
  { keys: ["r"], action: "mark reviewed, save, next in this filter" },
  { keys: ["d"], action: "set back to draft and save" },
  { keys: ["Esc"], action: "leave the text field (plain keys work again)" },
];

export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(el.type);
  }
  return (el as HTMLElement).isContentEditable === true;
}
