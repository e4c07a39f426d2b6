-- Written by hand (the Prisma schema does not change). Numbered 0012: 0011 is taken by another branch.
-- The PostgreSQL migration of the same number also moves the text search's trigram index into a
-- side table. SQLite needs no such move: its text index is the FTS5 table of 0008, kept apart already.

-- The list's Target filter "no_tool" (routingNoToolCount > 0, lib/server/examples/filters.ts): its
-- matches in number order, so a page and its count read only the no_tool examples' entries.
CREATE INDEX "Example_routing_no_tool_idx" ON "Example"("projectId", "number") WHERE "routingNoToolCount" > 0;
-- With a split as well (the list's usual view): SQLite's planner has no statistics and prefers the
-- split index to the one above, reading every example of the split (57 ms at 100,000, against 6 ms).
CREATE INDEX "Example_routing_no_tool_split_idx" ON "Example"("projectId", "split", "number") WHERE "routingNoToolCount" > 0;
