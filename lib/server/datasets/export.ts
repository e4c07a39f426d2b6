// Streams a project's training data as JSONL in batches by example number: memory stays flat at
// any size. Only labelled, valid examples are exported; the gold split never is (it is held out).
import { z } from "zod";
import { write as writeOpenAI } from "../../formats/openai";
import { write as writeTrl } from "../../formats/trl";
import { write as writeRouter } from "../../formats/router";
import type { ExampleRecord, ToolDef } from "../../formats/types";
import { BATCH, equalitySql, selectRows } from "../bulk";
import { TRAINABLE } from "../examples/filters";
import { AppError } from "../errors";
import { parseMessages } from "../examples/dto";
import { activeCatalogue } from "../projects/catalogue";

/**
 * The splits each choice reads. "labelled" is every labelled example that is not gold, in a split or
 * not yet: what the health report and the cost estimate measure before a split is made.
 */
export const SPLITS_OF = {
  train: ["train"],
  validation: ["validation"],
  all: ["train", "validation"],
  labelled: ["train", "validation", "unassigned"],
} as const satisfies Record<string, readonly string[]>;
export const EXPORT_SPLITS = ["train", "validation", "all", "labelled"] as const;

export const exportQuerySchema = z.object({
  format: z.enum(["openai", "trl", "router"]).default("openai"),
  split: z.enum(EXPORT_SPLITS).default("train"),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;


export async function exportPlan(projectId: string, q: ExportQuery) {
  const { project, tools: defs, prompt } = await activeCatalogue(projectId);
  if (q.format === "router" && project.outputStyle !== "router_json") {
    throw new AppError("validation_failed", "router JSONL needs a router_json project; this one uses native tool calls", { field: "format" });
  }
  const where = {
    projectId,
    ...TRAINABLE,
    split: { in: [...SPLITS_OF[q.split]] },
  };
  const fileName = `${project.name.replace(/[^a-zA-Z0-9_-]+/g, "-").toLowerCase()}.${q.split}.${q.format}.jsonl`;
  return { project, defs, prompt, where, fileName };
}

export async function* exportLines(projectId: string, q: ExportQuery): AsyncGenerator<string> {
  const { project, defs, prompt } = await exportPlan(projectId, q);
  // Keyset pages read through lib/server/bulk: a plain prepared read, no ORM per row.
  const trainable = equalitySql(TRAINABLE);
  const splits = SPLITS_OF[q.split];
  const sql =
    `SELECT "number", "messages", "systemPrompt" FROM "Example" WHERE "projectId" = ? AND ${trainable.sql} ` +
    `AND "split" IN (${splits.map(() => "?").join(", ")}) AND "number" > ? ORDER BY "number" LIMIT ${BATCH}`;
  const lines = lineWriter((example, tools) => {
    const system = example.system ?? prompt;
    if (q.format === "openai") return writeOpenAI(example, tools, { style: project.outputStyle, system, parallelToolCalls: project.parallelToolCalls });
    return q.format === "trl" ? writeTrl(example, tools, { system }) : writeRouter(example, { system });
  }, defs);
  let after = 0;
  for (;;) {
    const rows = await selectRows<{ number: number; messages: string; systemPrompt: string | null }>(sql, [projectId, ...trainable.params, ...splits, after]);
    if (rows.length === 0) return;
    after = rows.at(-1)!.number;
    let chunk = "";
    for (const [i, r] of rows.entries()) {
      const example = { system: r.systemPrompt ?? prompt, messages: parseMessages(r.messages) };
      chunk += (i === 0 ? lines.checked(example) : lines.fast(example)) + "\n";
    }
    yield chunk;
  }
}

/**
 * One example as its JSONL line. Every line repeats the catalogue (`tools`, and `parallel_tool_calls`),
 * which is most of the bytes: its JSON is made once and appended to the line written without tools,
 * after checking on the first example of every page that this gives exactly the full writer's line
 * (if a writer ever puts something else after the tools, the full writer is used from then on).
 */
function lineWriter(write: (example: ExampleRecord, tools: readonly ToolDef[]) => unknown, defs: readonly ToolDef[]) {
  let tail: string | null | undefined = defs.length === 0 ? null : undefined;
  const full = (ex: ExampleRecord) => JSON.stringify(write(ex, defs));
  const withTail = (ex: ExampleRecord, t: string) => {
    const bare = JSON.stringify(write(ex, []));
    return bare.slice(0, -1) + t;
  };
  return {
    checked(ex: ExampleRecord): string {
      const line = full(ex);
      if (tail === null) return line;
      const bare = JSON.stringify(write(ex, []));
      const candidate = tail ?? line.slice(bare.length - 1);
      tail = line.startsWith(bare.slice(0, -1)) && withTail(ex, candidate) === line ? candidate : null;
      return line;
    },
    fast(ex: ExampleRecord): string {
      return tail ? withTail(ex, tail) : full(ex);
    },
  };
}

export function toReadableStream(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(enc.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
