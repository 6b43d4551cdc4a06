-- AlterTable
ALTER TABLE "TaskOccurrence" ADD COLUMN "period" TEXT;

