import { describe, expect, it } from "vitest";
import { filtersFromParams, filtersToSearch, hasFilters, narrowingFilters, pageFromParams, pageSizeFromParams } from "@/lib/client/example-filters";

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

  it("keeps the tag, author, sort and page size in the URL; the sort orders but does not narrow", () => {
    const f = { tag: "needs review", author: "user_1", sort: "-updated" as const };
    expect(filtersToSearch(f, 3, 200)).toBe("?tag=needs+review&author=user_1&sort=-updated&page=3&size=200");
    const back = new URLSearchParams(filtersToSearch(f, 3, 200));
    expect(filtersFromParams(back)).toEqual(f);
    expect(pageSizeFromParams(back)).toBe(200);
    expect(pageSizeFromParams(new URLSearchParams("size=75"))).toBe(50);
    expect(filtersFromParams(new URLSearchParams("sort=sideways"))).toEqual({});
    // The default order says nothing in the URL.
    expect(filtersToSearch({ sort: "number" }, 1, 50)).toBe("");
    expect(hasFilters({ sort: "-number" })).toBe(false);
    expect(narrowingFilters({ tool: "x", sort: "-review" })).toEqual({ tool: "x" });
  });
});
