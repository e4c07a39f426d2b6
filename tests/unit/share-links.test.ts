// Share links in the browser and in the form: the report components keep asking for /api/projects/…
// and, on a share link's page, get /api/share/TOKEN/projects/…; a link takes the right number of ids.
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, setShareScope } from "@/lib/client/api";
import { shareCreateSchema } from "@/lib/schemas/share";

afterEach(() => {
  setShareScope(null);
  vi.unstubAllGlobals();
});

function recordFetch(): string[] {
  const seen: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    seen.push(url);
    return new Response("{}", { status: 200 });
  });
  return seen;
}

describe("share scope", () => {
  it("sends project API calls through the share link's routes, and only those", async () => {
    const seen = recordFetch();
    setShareScope("tok_en-1");
    await api.get("/api/projects/p1/evals/e1/results?page=2");
    await api.get("/api/me");
    expect(seen).toEqual(["/api/share/tok_en-1/projects/p1/evals/e1/results?page=2", "/api/me"]);
  });

  it("leaves paths alone in the app", async () => {
    const seen = recordFetch();
    await api.get("/api/projects/p1/evals/e1");
    expect(seen).toEqual(["/api/projects/p1/evals/e1"]);
  });
});

describe("shareCreateSchema", () => {
  it("takes one eval, two evals to compare, one run, or two to eight runs; 30 days unless 1, 7 or 90 are chosen", () => {
    expect(shareCreateSchema.parse({ kind: "eval", targets: ["e"] }).days).toBe(30);
    expect(shareCreateSchema.safeParse({ kind: "eval", targets: ["e", "f"] }).success).toBe(false);
    expect(shareCreateSchema.safeParse({ kind: "eval_compare", targets: ["e"] }).success).toBe(false);
    expect(shareCreateSchema.safeParse({ kind: "eval_compare", targets: ["e", "e"] }).success).toBe(false);
    expect(shareCreateSchema.safeParse({ kind: "run_overlay", targets: ["a", "b", "c"], days: 90 }).success).toBe(true);
    expect(shareCreateSchema.safeParse({ kind: "run", targets: ["a"], days: 45 }).success).toBe(false);
  });
});
