-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
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
    "currentEpoch" DOUBLE PRECISION,
    "estimatedFinish" TIMESTAMP(3),
    "error" TEXT,
    "lastEventId" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "retryOfId" TEXT,
    "createdById" TEXT,
    "monitoredAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "epoch" DOUBLE PRECISION,
    "trainLoss" DOUBLE PRECISION,
    "validLoss" DOUBLE PRECISION,
    "fullValidLoss" DOUBLE PRECISION,
    "trainAccuracy" DOUBLE PRECISION,
    "validAccuracy" DOUBLE PRECISION,
    "fullValidAccuracy" DOUBLE PRECISION,
    "learningRate" DOUBLE PRECISION,

    CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "level" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" TEXT,

    CONSTRAINT "RunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "metrics" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Checkpoint_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricPoint" ADD CONSTRAINT "MetricPoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvent" ADD CONSTRAINT "RunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkpoint" ADD CONSTRAINT "Checkpoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

