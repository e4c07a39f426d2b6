-- CreateTable
CREATE TABLE "EvalReportSettings" (
    "projectId" TEXT NOT NULL PRIMARY KEY,
    "baselineEvalId" TEXT,
    "thresholds" TEXT NOT NULL DEFAULT '[]',
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EvalReportSettings_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvalReportSettings_baselineEvalId_fkey" FOREIGN KEY ("baselineEvalId") REFERENCES "Eval" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "EvalReportSettings_baselineEvalId_idx" ON "EvalReportSettings"("baselineEvalId");

