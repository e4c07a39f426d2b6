// `tooltune score --project`: a project's gold split from the database, scored by the real command.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import { firstAcceptable } from "@/lib/formats/bfcl";
import type { GoldAnswer } from "@/lib/formats/types";
import { db, disconnectDb } from "@/lib/server/db";
import { call, cliArgs } from "./helpers";

const SHARED = path.resolve("../shared/datasets");

function tooltune(...args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(...args), {
    encoding: "utf8",
    env: { ...process.env, USER: "ci-bot" },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => disconnectDb());

describe("tooltune score --project", () => {
  it("scores predictions keyed by example id or number against the project's gold split", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "CLI score", outputStyle: "native_tools" } })).json.id;
    const questions = path.join(SHARED, "bfcl/BFCL_v4_simple_python.json");
    const imp = tooltune(
      "import",
      questions,
      "--project",
      pid,
      "--keep-valid",
      "--answers",
      path.join(SHARED, "bfcl/possible_answer/BFCL_v4_simple_python.json"),
    );
    expect(imp.code, imp.err + imp.out).toBe(0);
    const rows = await db().example.findMany({
      where: { projectId: pid, split: "gold" },
      orderBy: { number: "asc" },
      select: { id: true, number: true, gold: true },
    });
    expect(rows.length).toBeGreaterThan(300);

    // Each example's first acceptable answer as a native call; the first ten keyed by number, one left out.
    const lines = rows.slice(1).map((r, i) => {
      const gold = JSON.parse(r.gold!) as GoldAnswer[];
      const tool_calls = gold.map((g) => ({
        type: "function",
        function: { name: g.name, arguments: JSON.stringify(firstAcceptable(g.arguments)) },
      }));
      return JSON.stringify({ id: i < 10 ? r.number : r.id, output: { tool_calls } });
    });
    const dir = mkdtempSync(path.join(tmpdir(), "tooltune-score-"));
    const predictions = path.join(dir, "predictions.jsonl");
    writeFileSync(predictions, lines.join("\n") + "\n");
    const perExample = path.join(dir, "per-example.jsonl");

    const r = tooltune("score", "--project", pid, "--predictions", predictions, "--match", "bfcl", "--json", "--per-example", perExample);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.total).toBe(rows.length);
    expect(summary.verdicts.parse_failure).toBeGreaterThanOrEqual(1); // the example left out
    // The whole numbers of float lists lose their ".0" in JSON.stringify, and a few tools share a name
    // with a different schema in one catalogue: most, not all, pass.
    expect(summary.exactMatch.n).toBeGreaterThan(rows.length * 0.9);
    expect(r.err).toContain(`missing predictions (scored as parse failures): 1: ${rows[0].id}`);
    expect(readFileSync(perExample, "utf8").trim().split("\n")).toHaveLength(rows.length);
  });

  it("exits 2 when the split has no labelled example", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "CLI score empty", outputStyle: "router_json" } })).json.id;
    const dir = mkdtempSync(path.join(tmpdir(), "tooltune-score-"));
    writeFileSync(path.join(dir, "p.jsonl"), '{"id": 1, "output": "x"}\n');
    const r = tooltune("score", "--project", pid, "--predictions", path.join(dir, "p.jsonl"));
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/gold split has no example/)]);
  });
});
