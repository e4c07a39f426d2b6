-- AlterTable
ALTER TABLE "Example" ADD COLUMN     "derivedVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "followUpCallCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "followUpCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "needsReason" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "routingCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "routingNoToolCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "StagedExample" ADD COLUMN     "derivedVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "followUpCallCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "followUpCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "needsReason" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "routingCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "routingNoToolCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Example_routing_gauge_idx" ON "Example"("projectId", "reviewState", "split", "invalid", "routingCount", "routingNoToolCount", "followUpCount", "followUpCallCount");

-- CreateIndex
CREATE INDEX "Example_projectId_needsReason_number_idx" ON "Example"("projectId", "needsReason", "number");

