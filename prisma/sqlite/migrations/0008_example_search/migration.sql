-- Written by hand (the Prisma schema does not change): the examples list's full-text index and the
-- per-project counter of example changes that the health and run-preview caches key on. Triggers
-- keep both current on every write path: Prisma, raw INSERT ... SELECT, bulk UPDATE, cascades.
--
-- A later migration that redefines "Example" (Prisma's RedefineTables: new_Example, copy, drop,
-- rename) drops these triggers and may renumber rowids: it must repeat this file's statements
-- (DROP TABLE "ExampleSearch" and "ExampleSearchPending" first), or search finds nothing new and the
-- caches stop noticing changes.

-- Trigram tokens: a query of 3+ characters matches any substring, case-insensitively, which is what
-- the search box always did (a LIKE over "searchText").
CREATE VIRTUAL TABLE "ExampleSearch" USING fts5("searchText", tokenize='trigram');
INSERT INTO "ExampleSearch"(rowid, "searchText") SELECT rowid, "searchText" FROM "Example";

-- The triggers only note which rows changed: an FTS5 insert inside a trigger runs under a statement
-- savepoint that makes FTS5 flush a segment per row (about 10x slower imports, measured). The next
-- search (lib/server/examples/search.ts) indexes the noted rows in one statement, then searches.
CREATE TABLE "ExampleSearchPending" ("exampleRowid" INTEGER NOT NULL PRIMARY KEY);

CREATE TRIGGER "Example_search_insert" AFTER INSERT ON "Example" BEGIN
  INSERT OR IGNORE INTO "ExampleSearchPending"("exampleRowid") VALUES (new.rowid);
END;
CREATE TRIGGER "Example_search_update" AFTER UPDATE OF "searchText" ON "Example" WHEN old."searchText" IS NOT new."searchText" BEGIN
  INSERT OR IGNORE INTO "ExampleSearchPending"("exampleRowid") VALUES (new.rowid);
END;
CREATE TRIGGER "Example_search_delete" AFTER DELETE ON "Example" BEGIN
  INSERT OR IGNORE INTO "ExampleSearchPending"("exampleRowid") VALUES (old.rowid);
END;

-- Bumped by every insert, update and delete of a project's examples (one row per project).
CREATE TABLE "ExampleDataVersion" ("projectId" TEXT NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL DEFAULT 0);
INSERT INTO "ExampleDataVersion"("projectId", "version") SELECT DISTINCT "projectId", 1 FROM "Example" WHERE true;

CREATE TRIGGER "Example_version_insert" AFTER INSERT ON "Example" BEGIN
  INSERT INTO "ExampleDataVersion"("projectId", "version") VALUES (new."projectId", 1)
    ON CONFLICT("projectId") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Example_version_update" AFTER UPDATE ON "Example" BEGIN
  INSERT INTO "ExampleDataVersion"("projectId", "version") VALUES (new."projectId", 1)
    ON CONFLICT("projectId") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Example_version_delete" AFTER DELETE ON "Example" BEGIN
  INSERT INTO "ExampleDataVersion"("projectId", "version") VALUES (old."projectId", 1)
    ON CONFLICT("projectId") DO UPDATE SET "version" = "version" + 1;
END;
