-- CreateTable
CREATE TABLE "PlanReportNotice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "userId" INTEGER,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanReportNotice_key_key" ON "PlanReportNotice"("key");

