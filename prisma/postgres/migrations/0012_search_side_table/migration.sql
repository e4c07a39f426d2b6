-- Written by hand (the Prisma schema does not change). Numbered 0012: 0011 is taken by another branch.
--
-- 1. The text search's trigram index moves off "Example" into a side table. PostgreSQL writes a new
-- row version for every update that changes an indexed column (a split, a review state), and each
-- new version gets an entry in every index of the table: the GIN trigram index was about 40% of the
-- server time of writing a split. "ExampleSearchText" holds one row per example, and only a change
-- of the text (or an insert or delete) touches it. lib/server/examples/search.ts reads it.
CREATE TABLE "ExampleSearchText" (
  "exampleId" TEXT NOT NULL PRIMARY KEY,
  "projectId" TEXT NOT NULL,
  "searchText" TEXT NOT NULL
);
INSERT INTO "ExampleSearchText"("exampleId", "projectId", "searchText") SELECT "id", "projectId", "searchText" FROM "Example";
DROP INDEX "Example_searchText_trgm_idx";
CREATE INDEX "ExampleSearchText_searchText_trgm_idx" ON "ExampleSearchText" USING gin ("searchText" gin_trgm_ops);

-- As in 0008 and 0010: function bodies are escape strings whose semicolons are written \073 (the
-- migration runner splits scripts at every semicolon, comments included). Inserts and deletes are
-- one statement each (transition tables: imports, cascades of a project delete). An update fires
-- only when the UPDATE sets the text (or the keys) and the value differs: splits, reviews and
-- re-validations do not reach the side table at all.
CREATE FUNCTION "example_search_text_insert"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ExampleSearchText"("exampleId", "projectId", "searchText") SELECT "id", "projectId", "searchText" FROM added\073
  RETURN NULL\073
END';
CREATE FUNCTION "example_search_text_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "ExampleSearchText" s USING removed r WHERE s."exampleId" = r."id"\073
  RETURN NULL\073
END';
CREATE FUNCTION "example_search_text_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "ExampleSearchText" SET "exampleId" = NEW."id", "projectId" = NEW."projectId", "searchText" = NEW."searchText" WHERE "exampleId" = OLD."id"\073
  RETURN NULL\073
END';

CREATE TRIGGER "Example_search_text_insert" AFTER INSERT ON "Example" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "example_search_text_insert"();
CREATE TRIGGER "Example_search_text_delete" AFTER DELETE ON "Example" REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "example_search_text_delete"();
CREATE TRIGGER "Example_search_text_update" AFTER UPDATE OF "searchText", "projectId", "id" ON "Example"
  FOR EACH ROW WHEN (OLD."searchText" IS DISTINCT FROM NEW."searchText" OR OLD."projectId" IS DISTINCT FROM NEW."projectId" OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION "example_search_text_update"();

-- 2. The list's Target filter "no_tool" (routingNoToolCount > 0, lib/server/examples/filters.ts):
-- its matches in number order, so a page and its count read only the no_tool examples' entries.
CREATE INDEX "Example_routing_no_tool_idx" ON "Example"("projectId", "number") WHERE "routingNoToolCount" > 0;

ANALYZE "ExampleSearchText";
