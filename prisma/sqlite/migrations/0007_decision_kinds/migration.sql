-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Example" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "messages" TEXT NOT NULL,
    "systemPrompt" TEXT,
    "gold" TEXT,
    "request" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "targetKind" TEXT NOT NULL DEFAULT 'unlabelled',
    "targetTools" TEXT NOT NULL DEFAULT '',
    "decisionCount" INTEGER NOT NULL DEFAULT 0,
    "noToolCount" INTEGER NOT NULL DEFAULT 0,
    "routingCount" INTEGER NOT NULL DEFAULT 0,
    "routingNoToolCount" INTEGER NOT NULL DEFAULT 0,
    "followUpCount" INTEGER NOT NULL DEFAULT 0,
    "followUpCallCount" INTEGER NOT NULL DEFAULT 0,
    "needsReason" BOOLEAN NOT NULL DEFAULT false,
    "derivedVersion" INTEGER NOT NULL DEFAULT 0,
    "split" TEXT NOT NULL DEFAULT 'unassigned',
    "reviewState" TEXT NOT NULL DEFAULT 'draft',
    "invalid" BOOLEAN NOT NULL DEFAULT false,
    "issues" TEXT NOT NULL,
    "validatedVersion" INTEGER NOT NULL DEFAULT 0,
    "tags" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "contentHash" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Example_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Example_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Example_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Example" ("contentHash", "createdAt", "createdById", "decisionCount", "gold", "id", "invalid", "issues", "messages", "noToolCount", "number", "projectId", "request", "reviewState", "searchText", "source", "split", "systemPrompt", "tags", "targetKind", "targetTools", "updatedAt", "updatedById", "validatedVersion", "version") SELECT "contentHash", "createdAt", "createdById", "decisionCount", "gold", "id", "invalid", "issues", "messages", "noToolCount", "number", "projectId", "request", "reviewState", "searchText", "source", "split", "systemPrompt", "tags", "targetKind", "targetTools", "updatedAt", "updatedById", "validatedVersion", "version" FROM "Example";
DROP TABLE "Example";
ALTER TABLE "new_Example" RENAME TO "Example";
CREATE INDEX "Example_projectId_split_number_idx" ON "Example"("projectId", "split", "number");
CREATE INDEX "Example_projectId_targetKind_number_idx" ON "Example"("projectId", "targetKind", "number");
CREATE INDEX "Example_projectId_reviewState_number_idx" ON "Example"("projectId", "reviewState", "number");
CREATE INDEX "Example_projectId_invalid_number_idx" ON "Example"("projectId", "invalid", "number");
CREATE INDEX "Example_projectId_contentHash_idx" ON "Example"("projectId", "contentHash");
CREATE INDEX "Example_projectId_reviewState_split_targetKind_invalid_decisionCount_noToolCount_idx" ON "Example"("projectId", "reviewState", "split", "targetKind", "invalid", "decisionCount", "noToolCount");
CREATE INDEX "Example_routing_gauge_idx" ON "Example"("projectId", "reviewState", "split", "invalid", "routingCount", "routingNoToolCount", "followUpCount", "followUpCallCount");
CREATE INDEX "Example_projectId_needsReason_number_idx" ON "Example"("projectId", "needsReason", "number");
CREATE INDEX "Example_projectId_reviewState_targetTools_idx" ON "Example"("projectId", "reviewState", "targetTools");
CREATE UNIQUE INDEX "Example_projectId_number_key" ON "Example"("projectId", "number");
CREATE TABLE "new_StagedExample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "importJobId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "messages" TEXT NOT NULL,
    "systemPrompt" TEXT,
    "gold" TEXT,
    "request" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetTools" TEXT NOT NULL,
    "decisionCount" INTEGER NOT NULL,
    "noToolCount" INTEGER NOT NULL,
    "routingCount" INTEGER NOT NULL DEFAULT 0,
    "routingNoToolCount" INTEGER NOT NULL DEFAULT 0,
    "followUpCount" INTEGER NOT NULL DEFAULT 0,
    "followUpCallCount" INTEGER NOT NULL DEFAULT 0,
    "needsReason" BOOLEAN NOT NULL DEFAULT false,
    "derivedVersion" INTEGER NOT NULL DEFAULT 0,
    "split" TEXT NOT NULL,
    "reviewState" TEXT NOT NULL,
    "invalid" BOOLEAN NOT NULL,
    "issues" TEXT NOT NULL,
    "validatedVersion" INTEGER NOT NULL,
    "tags" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_StagedExample" ("contentHash", "createdAt", "createdById", "decisionCount", "gold", "id", "importJobId", "invalid", "issues", "messages", "noToolCount", "number", "projectId", "request", "reviewState", "searchText", "source", "split", "systemPrompt", "tags", "targetKind", "targetTools", "validatedVersion") SELECT "contentHash", "createdAt", "createdById", "decisionCount", "gold", "id", "importJobId", "invalid", "issues", "messages", "noToolCount", "number", "projectId", "request", "reviewState", "searchText", "source", "split", "systemPrompt", "tags", "targetKind", "targetTools", "validatedVersion" FROM "StagedExample";
DROP TABLE "StagedExample";
ALTER TABLE "new_StagedExample" RENAME TO "StagedExample";
CREATE INDEX "StagedExample_importJobId_idx" ON "StagedExample"("importJobId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

