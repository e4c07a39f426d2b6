-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "apiKey" TEXT,
    "defaultModel" TEXT NOT NULL DEFAULT '',
    "inputPerMillionUsd" DOUBLE PRECISION,
    "outputPerMillionUsd" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Eval" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "endpointId" TEXT,
    "model" TEXT NOT NULL,
    "runId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "matchMode" TEXT NOT NULL DEFAULT 'strict',
    "config" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failedRequests" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT,
    "error" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "leaseUntil" TIMESTAMP(3),
    "createdById" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Eval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalResult" (
    "id" TEXT NOT NULL,
    "evalId" TEXT NOT NULL,
    "exampleId" TEXT NOT NULL,
    "exampleNumber" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "request" TEXT NOT NULL,
    "system" TEXT,
    "messages" TEXT NOT NULL,
    "gold" TEXT NOT NULL,
    "goldLabel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "output" TEXT,
    "predictedLabel" TEXT,
    "verdict" TEXT,
    "valid" BOOLEAN,
    "toolCorrect" BOOLEAN,
    "argsCorrect" BOOLEAN,
    "correct" BOOLEAN,
    "score" TEXT,
    "latencyMs" INTEGER,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "EvalResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_name_key" ON "Endpoint"("name");

-- CreateIndex
CREATE INDEX "Eval_projectId_createdAt_idx" ON "Eval"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Eval_runId_idx" ON "Eval"("runId");

-- CreateIndex
CREATE INDEX "Eval_status_idx" ON "Eval"("status");

-- CreateIndex
CREATE INDEX "EvalResult_evalId_status_position_idx" ON "EvalResult"("evalId", "status", "position");

-- CreateIndex
CREATE INDEX "EvalResult_evalId_verdict_position_idx" ON "EvalResult"("evalId", "verdict", "position");

-- CreateIndex
CREATE UNIQUE INDEX "EvalResult_evalId_exampleId_key" ON "EvalResult"("evalId", "exampleId");

-- AddForeignKey
ALTER TABLE "Eval" ADD CONSTRAINT "Eval_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Eval" ADD CONSTRAINT "Eval_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Eval" ADD CONSTRAINT "Eval_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalResult" ADD CONSTRAINT "EvalResult_evalId_fkey" FOREIGN KEY ("evalId") REFERENCES "Eval"("id") ON DELETE CASCADE ON UPDATE CASCADE;

