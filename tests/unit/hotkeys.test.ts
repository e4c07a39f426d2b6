import { describe, expect, it } from "vitest";
import { editorAction, type KeyPress } from "@/lib/client/hotkeys";

const press = (key: string, opts: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[0-9]$/.test(key) ? `Digit${key}` : "",
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inTextField: false,
  ...opts,
});

describe("editorAction", () => {
  it("saves with Ctrl+S and Cmd+S, and saves-and-advances with Ctrl+Enter, even in a text field", () => {
    expect(editorAction(press("s", { ctrlKey: true, inTextField: true }))).toEqual({ type: "save" });
    expect(editorAction(press("s", { metaKey: true }))).toEqual({ type: "save" });
    expect(editorAction(press("Enter", { ctrlKey: true, inTextField: true }))).toEqual({ type: "saveAndNext" });
  });

  it("moves between examples with Alt+arrows anywhere and j/k outside text fields", () => {
    expect(editorAction(press("ArrowDown", { altKey: true, inTextField: true }))).toEqual({ type: "next" });
    expect(editorAction(press("ArrowUp", { altKey: true }))).toEqual({ type: "previous" });
    expect(editorAction(press("j"))).toEqual({ type: "next" });
    expect(editorAction(press("k"))).toEqual({ type: "previous" });
    expect(editorAction(press("j", { inTextField: true }))).toBeNull();
  });

  it("chooses tools with Alt+digit (by physical key, as macOS types symbols) and plain digits outside fields", () => {
    expect(editorAction(press("¡", { altKey: true, code: "Digit1", inTextField: true }))).toEqual({ type: "chooseTool", index: 0 });
    expect(editorAction(press("9", { altKey: true }))).toEqual({ type: "chooseTool", index: 8 });
    expect(editorAction(press("3"))).toEqual({ type: "chooseTool", index: 2 });
    expect(editorAction(press("3", { inTextField: true }))).toBeNull();
  });

  it("marks no_tool with Alt+0, 0 or n", () => {
    expect(editorAction(press("0", { altKey: true, inTextField: true }))).toEqual({ type: "noTool" });
    expect(editorAction(press("0"))).toEqual({ type: "noTool" });
    expect(editorAction(press("n"))).toEqual({ type: "noTool" });
  });

  it("leaves a text field with Escape and ignores other keys", () => {
    expect(editorAction(press("Escape", { inTextField: true }))).toEqual({ type: "leaveField" });
    expect(editorAction(press("Escape"))).toBeNull();
    expect(editorAction(press("x"))).toBeNull();
    expect(editorAction(press("J", { shiftKey: true }))).toBeNull();
    expect(editorAction(press("c", { ctrlKey: true }))).toBeNull();
  });

  it("runs the review queue from single keys: r marks reviewed and moves on, d sets draft, t or / finds a tool", () => {
    expect(editorAction(press("r"))).toEqual({ type: "markReviewed" });
    expect(editorAction(press("d"))).toEqual({ type: "markDraft" });
    expect(editorAction(press("t"))).toEqual({ type: "quickTool" });
    expect(editorAction(press("/"))).toEqual({ type: "quickTool" });
    // Typing a reason or an argument never triggers them.
    expect(editorAction(press("r", { inTextField: true }))).toBeNull();
    expect(editorAction(press("d", { inTextField: true }))).toBeNull();
    expect(editorAction(press("R", { shiftKey: true }))).toBeNull();
  });
});
