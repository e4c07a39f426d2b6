-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "pricing" TEXT;

-- AlterTable
ALTER TABLE "Example" ADD COLUMN     "gold" TEXT,
ADD COLUMN     "systemPrompt" TEXT;

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'uploaded',
    "fileName" TEXT NOT NULL,
    "filePath" TEXT NOT NULL,
    "fileBytes" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "detectedFormat" TEXT NOT NULL DEFAULT '',
    "detectReasons" TEXT NOT NULL DEFAULT '[]',
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "bytesRead" INTEGER NOT NULL DEFAULT 0,
    "validCount" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "duplicateCount" INTEGER NOT NULL DEFAULT 0,
    "importedCount" INTEGER NOT NULL DEFAULT 0,
    "skippedCount" INTEGER NOT NULL DEFAULT 0,
    "toolPlan" TEXT NOT NULL DEFAULT '[]',
    "errorSample" TEXT NOT NULL DEFAULT '[]',
    "errorKinds" TEXT NOT NULL DEFAULT '{}',
    "duplicateSample" TEXT NOT NULL DEFAULT '[]',
    "options" TEXT NOT NULL DEFAULT '{}',
    "message" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StagedExample" (
    "id" TEXT NOT NULL,
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
    "split" TEXT NOT NULL,
    "reviewState" TEXT NOT NULL,
    "invalid" BOOLEAN NOT NULL,
    "issues" TEXT NOT NULL,
    "validatedVersion" INTEGER NOT NULL,
    "tags" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StagedExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportJob_projectId_createdAt_idx" ON "ImportJob"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "StagedExample_importJobId_idx" ON "StagedExample"("importJobId");

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

