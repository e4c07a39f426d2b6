-- Written by hand (the Prisma schema does not change): the examples list's full-text index and the
-- per-project counter of example changes that the health and run-preview caches key on. Triggers
-- keep both current on every write path: Prisma, raw INSERT ... SELECT, bulk UPDATE, cascades.
--
-- A later migration that redefines "Example" (Prisma's RedefineTables: new_Example, copy, drop,
-- rename) drops these triggers and may renumber rowids: it must repeat this file's statements
-- (DROP TABLE "ExampleSearch" first), or search finds nothing new and the caches stop noticing changes.

-- Trigram tokens: a query of 3+ characters matches any substring, case-insensitively, which is what
-- the search box always did (a LIKE over "searchText"). Contentless: the text is not stored twice.
CREATE VIRTUAL TABLE "ExampleSearch" USING fts5("searchText", content='', contentless_delete=1, tokenize='trigram');
INSERT INTO "ExampleSearch"(rowid, "searchText") SELECT rowid, "searchText" FROM "Example";

CREATE TRIGGER "Example_search_insert" AFTER INSERT ON "Example" BEGIN
  INSERT INTO "ExampleSearch"(rowid, "searchText") VALUES (new.rowid, new."searchText");
END;
CREATE TRIGGER "Example_search_update" AFTER UPDATE OF "searchText" ON "Example" WHEN old."searchText" IS NOT new."searchText" BEGIN
  DELETE FROM "ExampleSearch" WHERE rowid = old.rowid;
  INSERT INTO "ExampleSearch"(rowid, "searchText") VALUES (new.rowid, new."searchText");
END;
CREATE TRIGGER "Example_search_delete" AFTER DELETE ON "Example" BEGIN
  DELETE FROM "ExampleSearch" WHERE rowid = old.rowid;
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
