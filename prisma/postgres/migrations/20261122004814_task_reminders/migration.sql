-- CreateTable
CREATE TABLE "TaskReminder" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "forDay" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "TaskReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TaskReminder_status_dueAt_idx" ON "TaskReminder"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "TaskReminder_occurrenceId_userId_kind_forDay_key" ON "TaskReminder"("occurrenceId", "userId", "kind", "forDay");

