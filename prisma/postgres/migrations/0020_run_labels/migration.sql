-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "name" TEXT,
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "tags" TEXT;

