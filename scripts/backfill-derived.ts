// Run by `node scripts/db.mjs deploy` after the migrations: recomputes the derived columns of rows
// an older version wrote (lib/server/examples/backfill-derived.ts). Safe to run again: it finds
// nothing to do once every row is current.
import { backfillDerived } from "../lib/server/examples/backfill-derived";
import { DERIVED_VERSION } from "../lib/server/examples/derive";
import { disconnectDb } from "../lib/server/db";

async function main() {
  let last = 0;
  const r = await backfillDerived({
    onBatch: (n) => {
      if (n - last >= 10_000) {
        last = n;
        console.log(`derived columns: ${n.toLocaleString("en-US")} examples recomputed…`);
      }
    },
  });
  if (r.updated > 0) console.log(`derived columns: ${r.updated.toLocaleString("en-US")} examples recomputed for version ${DERIVED_VERSION}`);
  for (const s of r.skipped.slice(0, 20)) console.error(`derived columns: ${s.table} #${s.number} of project ${s.projectId} kept its old columns: its messages cannot be read (${s.reason})`);
  if (r.skipped.length > 20) console.error(`derived columns: … and ${r.skipped.length - 20} more unreadable rows`);
  await disconnectDb();
}

main().catch(async (e: unknown) => {
  console.error(`derived columns: the backfill failed: ${(e as Error).message}`);
  await disconnectDb().catch(() => {});
  process.exit(1);
});
