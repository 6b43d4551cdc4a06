-- AlterTable
ALTER TABLE "SurveyTotals" ADD COLUMN     "texts" TEXT;

