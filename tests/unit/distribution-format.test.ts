import { describe, expect, it } from "vitest";
import { formatDistStat } from "@/components/datasets/distribution-format";

describe("distribution statistics on the Data tab", () => {
  it("writes token statistics as whole numbers with thousands separators", () => {
    expect(formatDistStat(1647.85, "tokens")).toBe("1,648");
    expect(formatDistStat(412.3, "tokens")).toBe("412");
    expect(formatDistStat(12_000, "tokens")).toBe("12,000");
  });

  it("keeps up to two decimals for messages per example, without trailing zeros", () => {
    expect(formatDistStat(3.456, "messages")).toBe("3.46");
    expect(formatDistStat(4, "messages")).toBe("4");
    expect(formatDistStat(2.5, "messages")).toBe("2.5");
  });
});
