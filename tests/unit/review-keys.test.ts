// The second review's keys and tool picking (lib/client/review-keys.ts).
import { describe, expect, it } from "vitest";
import { filterTools, pickTool, reviewAction } from "@/lib/client/review-keys";

const press = (key: string, more: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; inTextField: boolean }> = {}) => ({
  key,
  code: "",
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inTextField: false,
  ...more,
});

describe("reviewAction", () => {
  it("chooses tools with 1–9 and no_tool with 0, and submits with Enter, before the reveal", () => {
    expect(reviewAction(press("3"), false)).toEqual({ type: "chooseTool", index: 2 });
    expect(reviewAction(press("0"), false)).toEqual({ type: "noTool" });
    expect(reviewAction(press("Enter"), false)).toEqual({ type: "submit" });
    expect(reviewAction(press("/"), false)).toEqual({ type: "focusFilter" });
    expect(reviewAction(press("s"), false)).toEqual({ type: "skip" });
  });

  it("moves on with n or Enter and opens the editor with e after the reveal, and no longer chooses", () => {
    expect(reviewAction(press("n"), true)).toEqual({ type: "next" });
    expect(reviewAction(press("Enter"), true)).toEqual({ type: "next" });
    expect(reviewAction(press("e"), true)).toEqual({ type: "openEditor" });
    expect(reviewAction(press("1"), true)).toBeNull();
  });

  it("leaves keys typed in a text field or with a modifier alone", () => {
    expect(reviewAction(press("1", { inTextField: true }), false)).toBeNull();
    expect(reviewAction(press("Enter", { ctrlKey: true }), false)).toBeNull();
    expect(reviewAction(press("n", { altKey: true }), true)).toBeNull();
  });
});

describe("picking tools", () => {
  it("replaces the choice where a decision makes one call, toggles where calls are parallel", () => {
    expect(pickTool(["a"], "b", false)).toEqual(["b"]);
    expect(pickTool(["no_tool"], "b", true)).toEqual(["b"]);
    expect(pickTool(["a"], "b", true)).toEqual(["a", "b"]);
    expect(pickTool(["a", "b"], "a", true)).toEqual(["b"]);
  });

  it("filters tools by every word typed, in name or description", () => {
    const tools = [
      { name: "track_order", description: "Where is my parcel" },
      { name: "refund", description: "Money back for an order" },
      { name: "weather" },
    ];
    expect(filterTools(tools, "order").map((t) => t.name)).toEqual(["track_order", "refund"]);
    expect(filterTools(tools, "ORDER money").map((t) => t.name)).toEqual(["refund"]);
    expect(filterTools(tools, "  ").length).toBe(3);
  });
});
