-- AlterTable
ALTER TABLE "ImportJob" ADD COLUMN     "answersPath" TEXT;

