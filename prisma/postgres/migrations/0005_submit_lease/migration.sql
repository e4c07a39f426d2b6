-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "submitLeaseUntil" TIMESTAMP(3);

