-- CreateTable
CREATE TABLE "EvalReportSettings" (
    "projectId" TEXT NOT NULL,
    "baselineEvalId" TEXT,
    "thresholds" TEXT NOT NULL DEFAULT '[]',
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvalReportSettings_pkey" PRIMARY KEY ("projectId")
);

-- CreateIndex
CREATE INDEX "EvalReportSettings_baselineEvalId_idx" ON "EvalReportSettings"("baselineEvalId");

-- AddForeignKey
ALTER TABLE "EvalReportSettings" ADD CONSTRAINT "EvalReportSettings_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalReportSettings" ADD CONSTRAINT "EvalReportSettings_baselineEvalId_fkey" FOREIGN KEY ("baselineEvalId") REFERENCES "Eval"("id") ON DELETE SET NULL ON UPDATE CASCADE;

