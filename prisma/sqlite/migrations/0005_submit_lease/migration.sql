-- AlterTable
ALTER TABLE "Run" ADD COLUMN "submitLeaseUntil" DATETIME;

