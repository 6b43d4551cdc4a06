-- CreateTable
CREATE TABLE "SealedBallot" (
    "id" TEXT NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "SealedBallot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyTotals" (
    "campaignId" INTEGER NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "SurveyTotals_pkey" PRIMARY KEY ("campaignId")
);

-- CreateIndex
CREATE INDEX "SealedBallot_campaignId_idx" ON "SealedBallot"("campaignId");

