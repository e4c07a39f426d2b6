// After a migration, rows written by an older ToolTune carry derived columns of an older
// deriveColumns (derivedVersion below DERIVED_VERSION): recompute them from the stored messages.
// Run by `node scripts/db.mjs deploy`. Reads by id cursor and writes one multi-row UPDATE per batch,
// each its own short transaction, so the app and worker keep working while it runs, and a row
// edited meanwhile (which already has the current version) is left as the edit wrote it.
import { db, dbKind } from "../db";
import { parseMessages } from "./dto";
import { DERIVED_VERSION, deriveColumns, type DerivedColumns } from "./derive";

type Table = "Example" | "StagedExample";

/** The columns written, in order, with their PostgreSQL type for the VALUES list. */
const COLUMNS: [keyof DerivedColumns, "text" | "integer" | "boolean"][] = [
  ["request", "text"],
  ["searchText", "text"],
  ["targetKind", "text"],
  ["targetTools", "text"],
  ["decisionCount", "integer"],
  ["noToolCount", "integer"],
  ["routingCount", "integer"],
  ["routingNoToolCount", "integer"],
  ["followUpCount", "integer"],
  ["followUpCallCount", "integer"],
  ["needsReason", "boolean"],
  ["derivedVersion", "integer"],
  ["contentHash", "text"],
];

/** 500 rows x 14 parameters stays far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
export const BACKFILL_BATCH = 500;

export interface BackfillSkip {
  table: Table;
  id: string;
  projectId: string;
  number: number;
  reason: string;
}

export interface BackfillResult {
  updated: number;
  /** Rows whose stored messages could not be read; they keep their old columns and version. */
  skipped: BackfillSkip[];
}

export async function backfillDerived(opts: { batch?: number; onBatch?: (updatedSoFar: number) => void } = {}): Promise<BackfillResult> {
  const result: BackfillResult = { updated: 0, skipped: [] };
  for (const table of ["Example", "StagedExample"] as const) await backfillTable(table, opts.batch ?? BACKFILL_BATCH, result, opts.onBatch);
  return result;
}

async function backfillTable(table: Table, batch: number, result: BackfillResult, onBatch?: (n: number) => void) {
  const delegate = (table === "Example" ? db().example : db().stagedExample) as unknown as {
    findMany(args: object): Promise<{ id: string; projectId: string; number: number; messages: string }[]>;
  };
  let after: string | undefined;
  for (;;) {
    const rows = await delegate.findMany({
      where: { derivedVersion: { lt: DERIVED_VERSION }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, projectId: true, number: true, messages: true },
    });
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    const derived: { id: string; cols: DerivedColumns }[] = [];
    for (const r of rows) {
      try {
        derived.push({ id: r.id, cols: deriveColumns(parseMessages(r.messages)) });
      } catch (e) {
        result.skipped.push({ table, id: r.id, projectId: r.projectId, number: r.number, reason: (e as Error).message });
      }
    }
    if (derived.length > 0) result.updated += await writeBatch(table, derived);
    onBatch?.(result.updated);
  }
}

async function writeBatch(table: Table, rows: { id: string; cols: DerivedColumns }[]): Promise<number> {
  const pg = dbKind() === "postgres";
  const params: unknown[] = [];
  const p = (value: unknown, type: string) => {
    params.push(value);
    return pg ? `$${params.length}::${type}` : "?";
  };
  const tuples = rows.map(({ id, cols }) => {
    const key = p(id, "text"); // placeholders are numbered in the order they are made
    const values = COLUMNS.map(([name, type]) => p(type === "boolean" && !pg ? Number(cols[name]) : cols[name], type));
    return `(${[key, ...values].join(", ")})`;
  });
  const names = ["id", ...COLUMNS.map(([n]) => n)];
  // SQLite names VALUES columns column1..N; PostgreSQL takes an alias list.
  const ref = (i: number) => (pg ? `v."${names[i]}"` : `v.column${i + 1}`);
  const set = COLUMNS.map(([n], i) => `"${n}" = ${ref(i + 1)}`).join(", ");
  const alias = pg ? `v(${names.map((n) => `"${n}"`).join(", ")})` : "v";
  const sql =
    `UPDATE "${table}" SET ${set} FROM (VALUES ${tuples.join(", ")}) AS ${alias} ` +
    `WHERE "${table}"."id" = ${ref(0)} AND "${table}"."derivedVersion" < ${p(DERIVED_VERSION, "integer")}`;
  return db().$executeRawUnsafe(sql, ...params);
}
