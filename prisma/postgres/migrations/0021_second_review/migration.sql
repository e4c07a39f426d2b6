-- CreateTable
CREATE TABLE "SecondReview" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "exampleId" TEXT NOT NULL,
    "exampleVersion" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "labellerId" TEXT,
    "choice" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "agree" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SecondReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SecondReview_projectId_createdAt_idx" ON "SecondReview"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "SecondReview_reviewerId_exampleId_idx" ON "SecondReview"("reviewerId", "exampleId");

-- CreateIndex
CREATE UNIQUE INDEX "SecondReview_exampleId_exampleVersion_reviewerId_key" ON "SecondReview"("exampleId", "exampleVersion", "reviewerId");

-- AddForeignKey
ALTER TABLE "SecondReview" ADD CONSTRAINT "SecondReview_exampleId_fkey" FOREIGN KEY ("exampleId") REFERENCES "Example"("id") ON DELETE CASCADE ON UPDATE CASCADE;

