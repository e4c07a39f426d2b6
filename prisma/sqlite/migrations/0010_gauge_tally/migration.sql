-- DropIndex
DROP INDEX "Example_projectId_reviewState_split_targetKind_invalid_decisionCount_noToolCount_idx";

-- DropIndex
DROP INDEX "Example_routing_gauge_idx";

-- DropIndex
DROP INDEX "Example_projectId_reviewState_targetTools_idx";


-- Written by hand from here: the gauge's tally. lib/server/stats.ts used to group every example of
-- a project on each refresh (and needed the covering indexes dropped above, paid for by every
-- import, split and bulk change); now it reads these few rows whatever the project's size. One row
-- per project and combination of what the gauge tells apart, with the example count and the summed
-- decision counts; triggers keep it exact on every write path (Prisma, INSERT ... SELECT, bulk
-- UPDATEs, cascades). "needsReason" here is the NEEDS_REASON filter of lib/server/examples/filters.ts
-- (the flag and a stored reason issue), with LIKE as Prisma's `contains` (ASCII case-insensitive).
--
-- A later migration that redefines "Example" (Prisma's RedefineTables) drops these triggers with
-- the table: it must repeat them (as it must 0008's), and rebuild the tally with the INSERT below.
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
) WITHOUT ROWID;

INSERT INTO "ExampleTally"
  SELECT "projectId", "split", "reviewState", "invalid", "targetKind" = 'unlabelled', "needsReason" AND "issues" LIKE '%.reason"%', "targetTools",
    count(*), sum("routingCount"), sum("routingNoToolCount"), sum("followUpCount"), sum("followUpCallCount")
  FROM "Example" GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TRIGGER "Example_tally_insert" AFTER INSERT ON "Example" BEGIN
  INSERT INTO "ExampleTally" VALUES (new."projectId", new."split", new."reviewState", new."invalid", new."targetKind" = 'unlabelled',
      new."needsReason" AND new."issues" LIKE '%.reason"%', new."targetTools",
      1, new."routingCount", new."routingNoToolCount", new."followUpCount", new."followUpCallCount")
    ON CONFLICT ("projectId", "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools") DO UPDATE SET
      "examples" = "examples" + 1, "routing" = "routing" + excluded."routing", "routingNoTool" = "routingNoTool" + excluded."routingNoTool",
      "followUps" = "followUps" + excluded."followUps", "followUpCalls" = "followUpCalls" + excluded."followUpCalls";
END;

CREATE TRIGGER "Example_tally_delete" AFTER DELETE ON "Example" BEGIN
  INSERT INTO "ExampleTally" VALUES (old."projectId", old."split", old."reviewState", old."invalid", old."targetKind" = 'unlabelled',
      old."needsReason" AND old."issues" LIKE '%.reason"%', old."targetTools",
      -1, -old."routingCount", -old."routingNoToolCount", -old."followUpCount", -old."followUpCallCount")
    ON CONFLICT ("projectId", "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools") DO UPDATE SET
      "examples" = "examples" - 1, "routing" = "routing" + excluded."routing", "routingNoTool" = "routingNoTool" + excluded."routingNoTool",
      "followUps" = "followUps" + excluded."followUps", "followUpCalls" = "followUpCalls" + excluded."followUpCalls";
END;

-- Only updates that move an example to another row of the tally, or change its counts, touch it
-- (not a re-validation that leaves the verdict, nor an edit of the text alone).
CREATE TRIGGER "Example_tally_update" AFTER UPDATE OF "projectId", "split", "reviewState", "invalid", "targetKind", "needsReason", "issues",
    "targetTools", "routingCount", "routingNoToolCount", "followUpCount", "followUpCallCount" ON "Example"
  WHEN old."projectId" IS NOT new."projectId" OR old."split" IS NOT new."split" OR old."reviewState" IS NOT new."reviewState"
    OR old."invalid" IS NOT new."invalid" OR (old."targetKind" = 'unlabelled') IS NOT (new."targetKind" = 'unlabelled')
    OR (old."needsReason" AND old."issues" LIKE '%.reason"%') IS NOT (new."needsReason" AND new."issues" LIKE '%.reason"%')
    OR old."targetTools" IS NOT new."targetTools" OR old."routingCount" IS NOT new."routingCount"
    OR old."routingNoToolCount" IS NOT new."routingNoToolCount" OR old."followUpCount" IS NOT new."followUpCount"
    OR old."followUpCallCount" IS NOT new."followUpCallCount"
BEGIN
  INSERT INTO "ExampleTally" VALUES (old."projectId", old."split", old."reviewState", old."invalid", old."targetKind" = 'unlabelled',
      old."needsReason" AND old."issues" LIKE '%.reason"%', old."targetTools",
      -1, -old."routingCount", -old."routingNoToolCount", -old."followUpCount", -old."followUpCallCount")
    ON CONFLICT ("projectId", "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools") DO UPDATE SET
      "examples" = "examples" - 1, "routing" = "routing" + excluded."routing", "routingNoTool" = "routingNoTool" + excluded."routingNoTool",
      "followUps" = "followUps" + excluded."followUps", "followUpCalls" = "followUpCalls" + excluded."followUpCalls";
  INSERT INTO "ExampleTally" VALUES (new."projectId", new."split", new."reviewState", new."invalid", new."targetKind" = 'unlabelled',
      new."needsReason" AND new."issues" LIKE '%.reason"%', new."targetTools",
      1, new."routingCount", new."routingNoToolCount", new."followUpCount", new."followUpCallCount")
    ON CONFLICT ("projectId", "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools") DO UPDATE SET
      "examples" = "examples" + 1, "routing" = "routing" + excluded."routing", "routingNoTool" = "routingNoTool" + excluded."routingNoTool",
      "followUps" = "followUps" + excluded."followUps", "followUpCalls" = "followUpCalls" + excluded."followUpCalls";
END;

-- A deleted project's rows go with it (its examples' delete triggers have left them at zero).
CREATE TRIGGER "Project_tally_delete" AFTER DELETE ON "Project" BEGIN
  DELETE FROM "ExampleTally" WHERE "projectId" = old."id";
END;
