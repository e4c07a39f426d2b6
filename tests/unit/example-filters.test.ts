import { describe, expect, it } from "vitest";
import { filtersFromParams, filtersToSearch, hasFilters, pageFromParams } from "@/lib/client/example-filters";

describe("example list filters in the URL", () => {
  it("reads known filters and ignores values the API would reject", () => {
    const p = new URLSearchParams("tool=get_order&kind=no_tool&split=moon&review=reviewed&invalid=yes&q=%20&page=3");
    expect(filtersFromParams(p)).toEqual({ tool: "get_order", kind: "no_tool", review: "reviewed" });
    expect(pageFromParams(p)).toBe(3);
    expect(pageFromParams(new URLSearchParams("page=-1"))).toBe(1);
  });

  it("writes filters in a fixed order and leaves page 1 out", () => {
    expect(filtersToSearch({ q: "cancel order", kind: "tool_calls", tool: "x" }, 1)).toBe("?tool=x&kind=tool_calls&q=cancel+order");
    expect(filtersToSearch({ invalid: "true" }, 2)).toBe("?invalid=true&page=2");
    expect(filtersToSearch({})).toBe("");
  });

  it("keeps the needs-a-reason filter in the URL, and only its one value", () => {
    expect(filtersFromParams(new URLSearchParams("needsReason=true&review=draft"))).toEqual({ review: "draft", needsReason: "true" });
    expect(filtersFromParams(new URLSearchParams("needsReason=false"))).toEqual({});
    expect(filtersToSearch({ q: "hi", needsReason: "true", invalid: "true" })).toBe("?invalid=true&needsReason=true&q=hi");
  });

  it("round-trips through the query string", () => {
    const f = { tool: "a-b", kind: "unlabelled" as const, split: "gold" as const, review: "draft" as const, invalid: "false" as const, q: "x&y" };
    expect(filtersFromParams(new URLSearchParams(filtersToSearch(f)))).toEqual(f);
    expect(hasFilters(f)).toBe(true);
    expect(hasFilters({})).toBe(false);
  });
});
