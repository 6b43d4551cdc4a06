-- CreateTable
CREATE TABLE "AnalysisUnit" (
    "analysisId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,

    PRIMARY KEY ("analysisId", "departmentId"),
    CONSTRAINT "AnalysisUnit_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnalysisMember" (
    "analysisId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',

    PRIMARY KEY ("analysisId", "userId"),
    CONSTRAINT "AnalysisMember_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SourceFigure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "analysisId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "topic" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,
    "source" TEXT,
    "note" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SourceFigure_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Risk_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RiskRecommendation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "riskId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "RiskRecommendation_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecommendationTask" (
    "recommendationId" INTEGER NOT NULL,
    "taskId" INTEGER NOT NULL,

    PRIMARY KEY ("recommendationId", "taskId"),
    CONSTRAINT "RecommendationTask_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "RiskRecommendation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecommendationTask_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Analysis" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "startOn" TEXT NOT NULL,
    "endOn" TEXT NOT NULL,
    "reportSignedOn" TEXT,
    "planApprovedOn" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "orderNumber" TEXT,
    "orderDate" TEXT,
    "organisation" TEXT,
    "objectText" TEXT,
    "direction" TEXT,
    "coveredFrom" TEXT,
    "coveredTo" TEXT,
    "sources" TEXT NOT NULL DEFAULT '[]',
    "interviewCampaignIds" TEXT NOT NULL DEFAULT '[]',
    "surveyCampaignIds" TEXT NOT NULL DEFAULT '[]',
    "reportTexts" TEXT NOT NULL DEFAULT '{}',
    "positionsApprovedOn" TEXT,
    "positionsApprovedById" INTEGER
);
INSERT INTO "new_Analysis" ("createdAt", "createdById", "endOn", "id", "planApprovedOn", "reportSignedOn", "startOn") SELECT "createdAt", "createdById", "endOn", "id", "planApprovedOn", "reportSignedOn", "startOn" FROM "Analysis";
DROP TABLE "Analysis";
ALTER TABLE "new_Analysis" RENAME TO "Analysis";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SourceFigure_analysisId_kind_idx" ON "SourceFigure"("analysisId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Risk_analysisId_number_key" ON "Risk"("analysisId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RiskRecommendation_riskId_number_key" ON "RiskRecommendation"("riskId", "number");

-- CreateIndex
CREATE INDEX "RecommendationTask_taskId_idx" ON "RecommendationTask"("taskId");

