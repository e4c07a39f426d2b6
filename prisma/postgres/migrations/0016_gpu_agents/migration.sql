-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "agentId" TEXT,
ADD COLUMN     "pinnedAgentId" TEXT;

-- CreateTable
CREATE TABLE "GpuAgent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "gpus" INTEGER NOT NULL DEFAULT 1,
    "slots" INTEGER NOT NULL DEFAULT 1,
    "hourlyUsd" DOUBLE PRECISION,
    "baseModels" TEXT NOT NULL DEFAULT '[]',
    "online" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" TIMESTAMP(3),
    "lastError" TEXT,
    "claimSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GpuAgent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GpuAgent_name_key" ON "GpuAgent"("name");

-- CreateIndex
CREATE INDEX "Run_agentId_status_idx" ON "Run"("agentId", "status");

