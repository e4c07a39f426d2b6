-- AlterTable
ALTER TABLE "Run" ADD COLUMN "agentId" TEXT;
ALTER TABLE "Run" ADD COLUMN "pinnedAgentId" TEXT;

-- CreateTable
CREATE TABLE "GpuAgent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "gpus" INTEGER NOT NULL DEFAULT 1,
    "slots" INTEGER NOT NULL DEFAULT 1,
    "hourlyUsd" REAL,
    "baseModels" TEXT NOT NULL DEFAULT '[]',
    "online" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" DATETIME,
    "lastError" TEXT,
    "claimSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "GpuAgent_name_key" ON "GpuAgent"("name");

-- CreateIndex
CREATE INDEX "Run_agentId_status_idx" ON "Run"("agentId", "status");

