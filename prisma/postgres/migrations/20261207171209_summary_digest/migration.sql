-- CreateTable
CREATE TABLE "SummaryDigest" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SummaryDigest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SummaryOptOut" (
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SummaryOptOut_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SummaryDigest_userId_week_key" ON "SummaryDigest"("userId", "week");

