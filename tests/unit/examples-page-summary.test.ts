// What the examples list says about its size: exact counts as before, and a text search that counted
// only up to its cap says "1,000+" and keeps "Next" while pages are full.
import { describe, expect, it } from "vitest";
import { pageSummary } from "@/components/examples/page-summary";

describe("the examples list's count and pages", () => {
  it("states an exact count and the last page", () => {
    const s = pageSummary({ page: 2, pageSize: 50, total: 120, totalIsLowerBound: false, shown: 50 });
    expect(s).toMatchObject({ range: "51–100 of 120", pages: "Page 2 of 3", count: "120", hasNext: true });
    expect(pageSummary({ page: 3, pageSize: 50, total: 120, totalIsLowerBound: false, shown: 20 })).toMatchObject({ range: "101–120 of 120", hasNext: false });
    expect(pageSummary({ page: 1, pageSize: 50, total: 0, totalIsLowerBound: false, shown: 0 })).toMatchObject({ range: "0–0 of 0", pages: "Page 1 of 1" });
  });

  it("says '1,000+' for a search that counted up to its cap, and lets the user page past it", () => {
    const first = pageSummary({ page: 1, pageSize: 50, total: 1000, totalIsLowerBound: true, shown: 50 });
    expect(first).toMatchObject({ range: "1–50 of 1,000+", pages: "Page 1 of 20+", count: "1,000+", hasNext: true });
    const past = pageSummary({ page: 25, pageSize: 50, total: 1000, totalIsLowerBound: true, shown: 50 });
    expect(past).toMatchObject({ range: "1,201–1,250 of 1,250+", pages: "Page 25 of 25+", hasNext: true });
    expect(pageSummary({ page: 26, pageSize: 50, total: 1000, totalIsLowerBound: true, shown: 7 }).hasNext).toBe(false);
  });
});
