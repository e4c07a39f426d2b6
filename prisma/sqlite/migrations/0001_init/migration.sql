-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "outputStyle" TEXT NOT NULL DEFAULT 'router_json',
    "parallelToolCalls" BOOLEAN NOT NULL DEFAULT false,
    "systemPromptOverride" TEXT,
    "catalogueVersion" INTEGER NOT NULL DEFAULT 0,
    "nextExampleNumber" INTEGER NOT NULL DEFAULT 1,
    "revalidatingVersion" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Tool" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "parameters" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Tool_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogueVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "tools" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CatalogueVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CatalogueVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Example" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "messages" TEXT NOT NULL,
    "request" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "targetKind" TEXT NOT NULL DEFAULT 'unlabelled',
    "targetTools" TEXT NOT NULL DEFAULT '',
    "decisionCount" INTEGER NOT NULL DEFAULT 0,
    "noToolCount" INTEGER NOT NULL DEFAULT 0,
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

-- CreateTable
CREATE TABLE "ExampleRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exampleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExampleRevision_exampleId_fkey" FOREIGN KEY ("exampleId") REFERENCES "Example" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExampleRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_name_key" ON "User"("name");

-- CreateIndex
CREATE INDEX "Tool_projectId_position_idx" ON "Tool"("projectId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Tool_projectId_name_key" ON "Tool"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogueVersion_projectId_version_key" ON "CatalogueVersion"("projectId", "version");

-- CreateIndex
CREATE INDEX "Example_projectId_split_number_idx" ON "Example"("projectId", "split", "number");

-- CreateIndex
CREATE INDEX "Example_projectId_targetKind_number_idx" ON "Example"("projectId", "targetKind", "number");

-- CreateIndex
CREATE INDEX "Example_projectId_reviewState_number_idx" ON "Example"("projectId", "reviewState", "number");

-- CreateIndex
CREATE INDEX "Example_projectId_invalid_number_idx" ON "Example"("projectId", "invalid", "number");

-- CreateIndex
CREATE INDEX "Example_projectId_contentHash_idx" ON "Example"("projectId", "contentHash");

-- CreateIndex
CREATE INDEX "Example_projectId_reviewState_split_targetKind_invalid_decisionCount_noToolCount_idx" ON "Example"("projectId", "reviewState", "split", "targetKind", "invalid", "decisionCount", "noToolCount");

-- CreateIndex
CREATE INDEX "Example_projectId_reviewState_targetTools_idx" ON "Example"("projectId", "reviewState", "targetTools");

-- CreateIndex
CREATE UNIQUE INDEX "Example_projectId_number_key" ON "Example"("projectId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ExampleRevision_exampleId_version_key" ON "ExampleRevision"("exampleId", "version");

