-- AlterTable
ALTER TABLE "Example" ADD COLUMN "fromEvalId" TEXT;
ALTER TABLE "Example" ADD COLUMN "fromEvalResultId" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "parentRunId" TEXT;

-- AlterTable
ALTER TABLE "MetricPoint" ADD COLUMN "rewardsAccuracy" REAL;
ALTER TABLE "MetricPoint" ADD COLUMN "rewardsChosen" REAL;
ALTER TABLE "MetricPoint" ADD COLUMN "rewardsMargins" REAL;
ALTER TABLE "MetricPoint" ADD COLUMN "rewardsRejected" REAL;
ALTER TABLE "MetricPoint" ADD COLUMN "validRewardsAccuracy" REAL;
ALTER TABLE "MetricPoint" ADD COLUMN "validRewardsMargins" REAL;

-- CreateIndex
CREATE INDEX "Example_fromEvalId_idx" ON "Example"("fromEvalId");

-- CreateIndex
CREATE INDEX "Run_parentRunId_idx" ON "Run"("parentRunId");

