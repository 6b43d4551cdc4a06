-- AlterTable
ALTER TABLE "Analysis" ADD COLUMN     "coveredFrom" TEXT,
ADD COLUMN     "coveredTo" TEXT,
ADD COLUMN     "direction" TEXT,
ADD COLUMN     "interviewCampaignIds" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "objectText" TEXT,
ADD COLUMN     "orderDate" TEXT,
ADD COLUMN     "orderNumber" TEXT,
ADD COLUMN     "organisation" TEXT,
ADD COLUMN     "positionsApprovedById" INTEGER,
ADD COLUMN     "positionsApprovedOn" TEXT,
ADD COLUMN     "reportTexts" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "sources" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "surveyCampaignIds" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "AnalysisUnit" (
    "analysisId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,

    CONSTRAINT "AnalysisUnit_pkey" PRIMARY KEY ("analysisId","departmentId")
);

-- CreateTable
CREATE TABLE "AnalysisMember" (
    "analysisId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',

    CONSTRAINT "AnalysisMember_pkey" PRIMARY KEY ("analysisId","userId")
);

-- CreateTable
CREATE TABLE "SourceFigure" (
    "id" SERIAL NOT NULL,
    "analysisId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "topic" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,
    "source" TEXT,
    "note" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceFigure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" SERIAL NOT NULL,
    "analysisId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "factor" TEXT NOT NULL,
    "factorCode" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "functions" TEXT NOT NULL DEFAULT '{}',
    "positions" TEXT NOT NULL DEFAULT '[]',
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '[]',
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Risk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskRecommendation" (
    "id" SERIAL NOT NULL,
    "riskId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "RiskRecommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationTask" (
    "recommendationId" INTEGER NOT NULL,
    "taskId" INTEGER NOT NULL,

    CONSTRAINT "RecommendationTask_pkey" PRIMARY KEY ("recommendationId","taskId")
);

-- CreateIndex
CREATE INDEX "SourceFigure_analysisId_kind_idx" ON "SourceFigure"("analysisId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Risk_analysisId_number_key" ON "Risk"("analysisId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RiskRecommendation_riskId_number_key" ON "RiskRecommendation"("riskId", "number");

-- CreateIndex
CREATE INDEX "RecommendationTask_taskId_idx" ON "RecommendationTask"("taskId");

-- AddForeignKey
ALTER TABLE "AnalysisUnit" ADD CONSTRAINT "AnalysisUnit_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalysisMember" ADD CONSTRAINT "AnalysisMember_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceFigure" ADD CONSTRAINT "SourceFigure_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskRecommendation" ADD CONSTRAINT "RiskRecommendation_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationTask" ADD CONSTRAINT "RecommendationTask_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "RiskRecommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationTask" ADD CONSTRAINT "RecommendationTask_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

