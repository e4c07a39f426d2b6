import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/schemas/auth";

describe("the page to return to after signing in", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNextPath("/projects/p1/examples?split=train&q=refund")).toBe("/projects/p1/examples?split=train&q=refund");
  });

  it.each([
    ["an absolute URL", "https://evil.example/x"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a backslash that browsers read as a slash", "/\\evil.example"],
    ["a control character", "/a\u0009b"],
    ["a relative path", "projects"],
    ["nothing", ""],
  ])("sends %s to the home page instead", (_what, next) => {
    expect(safeNextPath(next)).toBe("/");
  });
});
