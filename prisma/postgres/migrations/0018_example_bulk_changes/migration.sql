-- CreateTable
CREATE TABLE "ExampleBulkChange" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "authorId" TEXT,
    "action" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "changed" INTEGER NOT NULL,
    "undoneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExampleBulkChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExampleBulkChangeItem" (
    "changeId" TEXT NOT NULL,
    "exampleId" TEXT NOT NULL,
    "versionAfter" INTEGER NOT NULL,
    "split" TEXT NOT NULL,
    "reviewState" TEXT NOT NULL,
    "tags" TEXT NOT NULL,

    CONSTRAINT "ExampleBulkChangeItem_pkey" PRIMARY KEY ("changeId","exampleId")
);

-- CreateTable
CREATE TABLE "TrashedExample" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "request" TEXT NOT NULL,
    "row" TEXT NOT NULL,
    "revisions" TEXT NOT NULL,
    "bulkChangeId" TEXT,
    "trashedById" TEXT,
    "trashedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrashedExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExampleBulkChange_projectId_createdAt_idx" ON "ExampleBulkChange"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "TrashedExample_projectId_trashedAt_idx" ON "TrashedExample"("projectId", "trashedAt");

-- CreateIndex
CREATE INDEX "TrashedExample_bulkChangeId_idx" ON "TrashedExample"("bulkChangeId");

-- AddForeignKey
ALTER TABLE "ExampleBulkChange" ADD CONSTRAINT "ExampleBulkChange_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExampleBulkChange" ADD CONSTRAINT "ExampleBulkChange_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrashedExample" ADD CONSTRAINT "TrashedExample_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

