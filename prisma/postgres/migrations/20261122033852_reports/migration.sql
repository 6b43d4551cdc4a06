-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
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
    "decisionEscalatedOn" TEXT,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportEntry" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "authorId" INTEGER,
    "body" TEXT NOT NULL,
    "createdOn" TEXT NOT NULL,

    CONSTRAINT "ReportEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportCounter" (
    "scope" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportCounter_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "ReporterFlow" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ReporterFlow_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ReportMailbox" (
    "tokenHash" TEXT NOT NULL,
    "chat" TEXT NOT NULL,
    "pingAfter" TIMESTAMP(3),
    "claimedAt" TIMESTAMP(3),

    CONSTRAINT "ReportMailbox_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "ReportAlert" (
    "audience" TEXT NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "sendAfter" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),

    CONSTRAINT "ReportAlert_pkey" PRIMARY KEY ("audience")
);

-- CreateTable
CREATE TABLE "DailyCounter" (
    "key" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DailyCounter_pkey" PRIMARY KEY ("key")
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

-- AddForeignKey
ALTER TABLE "ReportEntry" ADD CONSTRAINT "ReportEntry_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

