-- CreateTable
CREATE TABLE "SealedBallot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" INTEGER NOT NULL,
    "data" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SurveyTotals" (
    "campaignId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "data" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "SealedBallot_campaignId_idx" ON "SealedBallot"("campaignId");

