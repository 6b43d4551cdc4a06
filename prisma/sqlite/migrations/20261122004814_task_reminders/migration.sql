-- CreateTable
CREATE TABLE "TaskReminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurrenceId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "forDay" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "claimedAt" DATETIME,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE INDEX "TaskReminder_status_dueAt_idx" ON "TaskReminder"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "TaskReminder_occurrenceId_userId_kind_forDay_key" ON "TaskReminder"("occurrenceId", "userId", "kind", "forDay");

