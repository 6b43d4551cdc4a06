-- CreateTable
CREATE TABLE "BoardReport" (
    "id" SERIAL NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "snapshot" TEXT NOT NULL,
    "draftNonce" TEXT NOT NULL,
    "draftedOn" TEXT NOT NULL,
    "approvedById" INTEGER,
    "approvedOn" TEXT,

    CONSTRAINT "BoardReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardReminder" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "forDay" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BoardReport_periodKey_key" ON "BoardReport"("periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "BoardReminder_userId_periodKey_forDay_key" ON "BoardReminder"("userId", "periodKey", "forDay");

