-- AlterTable
ALTER TABLE "Example" ADD COLUMN     "fromEvalId" TEXT,
ADD COLUMN     "fromEvalResultId" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "parentRunId" TEXT;

-- AlterTable
ALTER TABLE "MetricPoint" ADD COLUMN     "rewardsAccuracy" DOUBLE PRECISION,
ADD COLUMN     "rewardsChosen" DOUBLE PRECISION,
ADD COLUMN     "rewardsMargins" DOUBLE PRECISION,
ADD COLUMN     "rewardsRejected" DOUBLE PRECISION,
ADD COLUMN     "validRewardsAccuracy" DOUBLE PRECISION,
ADD COLUMN     "validRewardsMargins" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "Example_fromEvalId_idx" ON "Example"("fromEvalId");

-- CreateIndex
CREATE INDEX "Run_parentRunId_idx" ON "Run"("parentRunId");

