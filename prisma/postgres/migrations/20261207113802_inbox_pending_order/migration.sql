-- DropIndex
DROP INDEX "InboxUpdate_status_idx";

-- CreateIndex
CREATE INDEX "InboxUpdate_status_updateId_idx" ON "InboxUpdate"("status", "updateId");

