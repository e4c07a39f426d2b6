-- AlterTable
ALTER TABLE "Project" ADD COLUMN "deletedAt" DATETIME;

