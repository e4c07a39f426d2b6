-- Written by hand (the Prisma schema does not change): the examples list's text index and the
-- per-project counter of example changes that the health and run-preview caches key on. The index
-- and the triggers keep both current on every write path: Prisma, INSERT ... SELECT, bulk UPDATE,
-- COPY, cascades.

-- Trigram index: the list's `"searchText" LIKE '%...%'` (Prisma's `contains`, unchanged) uses it,
-- so a search stays a case-insensitive substring match. pg_trgm is a trusted extension (PostgreSQL
-- 13+): a database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Example_searchText_trgm_idx" ON "Example" USING gin ("searchText" gin_trgm_ops);

-- Bumped once per statement that inserts, updates or deletes a project's examples.
CREATE TABLE "ExampleDataVersion" ("projectId" TEXT NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL DEFAULT 0);
INSERT INTO "ExampleDataVersion"("projectId", "version") SELECT DISTINCT "projectId", 1 FROM "Example";

-- The migration runner (adapter-pg's executeScript) splits scripts at every semicolon, so the function
-- body is an escape string whose semicolons are written \073. Ordered, so two statements that touch
-- the same projects lock their counters in the same order.
CREATE FUNCTION "example_data_version_bump"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ExampleDataVersion"("projectId", "version")
    SELECT DISTINCT "projectId", 1 FROM changed ORDER BY "projectId"
    ON CONFLICT ("projectId") DO UPDATE SET "version" = "ExampleDataVersion"."version" + 1\073
  RETURN NULL\073
END';

CREATE TRIGGER "Example_version_insert" AFTER INSERT ON "Example" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "example_data_version_bump"();
CREATE TRIGGER "Example_version_update" AFTER UPDATE ON "Example" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "example_data_version_bump"();
CREATE TRIGGER "Example_version_delete" AFTER DELETE ON "Example" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "example_data_version_bump"();
