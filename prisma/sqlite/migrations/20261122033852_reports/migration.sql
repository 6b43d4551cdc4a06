-- CreateTable
CREATE TABLE "Report" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "receiptHash" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "outcome" TEXT,
    "content" TEXT NOT NULL,
    "receivedOn" TEXT NOT NULL,
    "ackDueOn" TEXT NOT NULL,
    "acknowledgedOn" TEXT,
    "decisionDueOn" TEXT NOT NULL,
    "extendedOn" TEXT,
    "extensionReason" TEXT,
    "originalDecisionDueOn" TEXT,
    "decidedOn" TEXT,
    "assigneeId" INTEGER,
    "ackEscalatedOn" TEXT,
    "decisionEscalatedOn" TEXT
);

-- CreateTable
CREATE TABLE "ReportEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "authorId" INTEGER,
    "body" TEXT NOT NULL,
    "createdOn" TEXT NOT NULL,
    CONSTRAINT "ReportEntry_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportCounter" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "last" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ReporterFlow" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ReportMailbox" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "chat" TEXT NOT NULL,
    "pingAfter" DATETIME,
    "claimedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ReportAlert" (
    "audience" TEXT NOT NULL PRIMARY KEY,
    "events" INTEGER NOT NULL DEFAULT 0,
    "sendAfter" DATETIME NOT NULL,
    "claimedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DailyCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "Report_number_key" ON "Report"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Report_receiptHash_key" ON "Report"("receiptHash");

-- CreateIndex
CREATE INDEX "Report_audience_status_idx" ON "Report"("audience", "status");

-- CreateIndex
CREATE INDEX "Report_status_decidedOn_idx" ON "Report"("status", "decidedOn");

-- CreateIndex
CREATE INDEX "ReportEntry_reportId_idx" ON "ReportEntry"("reportId");

-- CreateIndex
CREATE INDEX "ReportMailbox_pingAfter_idx" ON "ReportMailbox"("pingAfter");

-- CreateIndex
CREATE INDEX "DailyCounter_day_idx" ON "DailyCounter"("day");

