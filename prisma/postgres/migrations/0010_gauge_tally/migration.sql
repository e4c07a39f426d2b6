-- DropIndex
DROP INDEX "Example_projectId_reviewState_split_targetKind_invalid_deci_idx";

-- DropIndex
DROP INDEX "Example_routing_gauge_idx";

-- DropIndex
DROP INDEX "Example_projectId_reviewState_targetTools_idx";


-- Written by hand from here: the gauge's tally. lib/server/stats.ts used to group every example of
-- a project on each refresh (and needed the covering indexes dropped above, paid for by every
-- import, split and bulk change): now it reads these few rows whatever the project's size. One row
-- per project and combination of what the gauge tells apart, with the example count and the summed
-- decision counts. Statement triggers keep it exact on every write path (Prisma, INSERT ... SELECT,
-- bulk UPDATEs, COPY, cascades), one grouped upsert per statement. "needsReason" here is the
-- NEEDS_REASON filter of lib/server/examples/filters.ts (the flag and a stored reason issue), with
-- LIKE as Prisma's `contains`.
CREATE TABLE "ExampleTally" (
  "projectId" TEXT NOT NULL,
  "split" TEXT NOT NULL,
  "reviewState" TEXT NOT NULL,
  "invalid" BOOLEAN NOT NULL,
  "unlabelled" BOOLEAN NOT NULL,
  "needsReason" BOOLEAN NOT NULL,
  "targetTools" TEXT NOT NULL,
  "examples" INTEGER NOT NULL,
  "routing" INTEGER NOT NULL,
  "routingNoTool" INTEGER NOT NULL,
  "followUps" INTEGER NOT NULL,
  "followUpCalls" INTEGER NOT NULL,
  PRIMARY KEY ("projectId", "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools")
);

INSERT INTO "ExampleTally"
  SELECT "projectId", "split", "reviewState", "invalid", "targetKind" = 'unlabelled', "needsReason" AND "issues" LIKE '%.reason"%', "targetTools",
    count(*), sum("routingCount"), sum("routingNoToolCount"), sum("followUpCount"), sum("followUpCallCount")
  FROM "Example" GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- As in 0008: function bodies are escape strings whose semicolons are written \073 (the migration
-- runner splits scripts at every semicolon, comments included). Each statement adds its rows grouped, ordered so two
-- statements that touch the same project's rows lock them in the same order.
CREATE FUNCTION "example_tally_insert"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ExampleTally" AS t
    SELECT "projectId", "split", "reviewState", "invalid", "targetKind" = ''unlabelled'', "needsReason" AND "issues" LIKE ''%.reason"%'', "targetTools",
      count(*), sum("routingCount"), sum("routingNoToolCount"), sum("followUpCount"), sum("followUpCallCount")
    FROM added GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("projectId", "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools") DO UPDATE SET
      "examples" = t."examples" + excluded."examples", "routing" = t."routing" + excluded."routing",
      "routingNoTool" = t."routingNoTool" + excluded."routingNoTool", "followUps" = t."followUps" + excluded."followUps",
      "followUpCalls" = t."followUpCalls" + excluded."followUpCalls"\073
  RETURN NULL\073
END';

CREATE FUNCTION "example_tally_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ExampleTally" AS t
    SELECT "projectId", "split", "reviewState", "invalid", "targetKind" = ''unlabelled'', "needsReason" AND "issues" LIKE ''%.reason"%'', "targetTools",
      -count(*), -sum("routingCount"), -sum("routingNoToolCount"), -sum("followUpCount"), -sum("followUpCallCount")
    FROM removed WHERE "projectId" IN (SELECT "id" FROM "Project")
    GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("projectId", "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools") DO UPDATE SET
      "examples" = t."examples" + excluded."examples", "routing" = t."routing" + excluded."routing",
      "routingNoTool" = t."routingNoTool" + excluded."routingNoTool", "followUps" = t."followUps" + excluded."followUps",
      "followUpCalls" = t."followUpCalls" + excluded."followUpCalls"\073
  RETURN NULL\073
END';

-- An update adds its rows as they are now and takes them away as they were: groups that net to
-- nothing (a re-validation that keeps the verdict, an edit of the text alone) touch no tally row.
CREATE FUNCTION "example_tally_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ExampleTally" AS t
    SELECT p, s, r, i, u, nr, tt, sum(n), sum(d), sum(dn), sum(f), sum(fc) FROM (
      SELECT "projectId" AS p, "split" AS s, "reviewState" AS r, "invalid" AS i, "targetKind" = ''unlabelled'' AS u,
        "needsReason" AND "issues" LIKE ''%.reason"%'' AS nr, "targetTools" AS tt,
        1 AS n, "routingCount" AS d, "routingNoToolCount" AS dn, "followUpCount" AS f, "followUpCallCount" AS fc
      FROM added
      UNION ALL
      SELECT "projectId", "split", "reviewState", "invalid", "targetKind" = ''unlabelled'',
        "needsReason" AND "issues" LIKE ''%.reason"%'', "targetTools",
        -1, -"routingCount", -"routingNoToolCount", -"followUpCount", -"followUpCallCount"
      FROM removed
    ) delta
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(n) <> 0 OR sum(d) <> 0 OR sum(dn) <> 0 OR sum(f) <> 0 OR sum(fc) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("projectId", "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools") DO UPDATE SET
      "examples" = t."examples" + excluded."examples", "routing" = t."routing" + excluded."routing",
      "routingNoTool" = t."routingNoTool" + excluded."routingNoTool", "followUps" = t."followUps" + excluded."followUps",
      "followUpCalls" = t."followUpCalls" + excluded."followUpCalls"\073
  RETURN NULL\073
END';

CREATE TRIGGER "Example_tally_insert" AFTER INSERT ON "Example" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "example_tally_insert"();
CREATE TRIGGER "Example_tally_update" AFTER UPDATE ON "Example" REFERENCING NEW TABLE AS added OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "example_tally_update"();
CREATE TRIGGER "Example_tally_delete" AFTER DELETE ON "Example" REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "example_tally_delete"();

-- A deleted project's rows go with it. Its examples' cascaded delete runs after this trigger, so
-- "example_tally_delete" above skips the rows of projects that are gone.
CREATE FUNCTION "project_tally_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "ExampleTally" WHERE "projectId" IN (SELECT "id" FROM removed)\073
  RETURN NULL\073
END';
CREATE TRIGGER "Project_tally_delete" AFTER DELETE ON "Project" REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "project_tally_delete"();
