-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "baseModel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "remoteStatus" TEXT,
    "config" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "trainFilePath" TEXT NOT NULL,
    "validFilePath" TEXT,
    "trainFileId" TEXT,
    "validFileId" TEXT,
    "remoteJobId" TEXT,
    "fineTunedModel" TEXT,
    "trainedTokens" INTEGER,
    "totalSteps" INTEGER,
    "currentStep" INTEGER,
    "currentEpoch" REAL,
    "estimatedFinish" DATETIME,
    "error" TEXT,
    "lastEventId" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "retryOfId" TEXT,
    "createdById" TEXT,
    "monitoredAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Run_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "epoch" REAL,
    "trainLoss" REAL,
    "validLoss" REAL,
    "fullValidLoss" REAL,
    "trainAccuracy" REAL,
    "validAccuracy" REAL,
    "fullValidAccuracy" REAL,
    "learningRate" REAL,
    CONSTRAINT "MetricPoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "level" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" TEXT,
    CONSTRAINT "RunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "metrics" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Checkpoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Run_projectId_createdAt_idx" ON "Run"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Run_status_idx" ON "Run"("status");

-- CreateIndex
CREATE UNIQUE INDEX "MetricPoint_runId_step_key" ON "MetricPoint"("runId", "step");

-- CreateIndex
CREATE INDEX "RunEvent_runId_createdAt_idx" ON "RunEvent"("runId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RunEvent_runId_remoteId_key" ON "RunEvent"("runId", "remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "Checkpoint_runId_remoteId_key" ON "Checkpoint"("runId", "remoteId");

