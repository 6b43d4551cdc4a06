-- CreateTable
CREATE TABLE "BoardReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "periodKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "snapshot" TEXT NOT NULL,
    "draftNonce" TEXT NOT NULL,
    "draftedOn" TEXT NOT NULL,
    "approvedById" INTEGER,
    "approvedOn" TEXT
);

-- CreateTable
CREATE TABLE "BoardReminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "forDay" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "BoardReport_periodKey_key" ON "BoardReport"("periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "BoardReminder_userId_periodKey_forDay_key" ON "BoardReminder"("userId", "periodKey", "forDay");

