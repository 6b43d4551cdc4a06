-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "priority" INTEGER NOT NULL,
    "chatKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "notBefore" DATETIME NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "ambiguous" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "OutboxChat" (
    "chatKey" TEXT NOT NULL PRIMARY KEY,
    "nextAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SendPacer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "nextAt" BIGINT NOT NULL,
    "pausedUntil" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "InboxUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "chatKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "OutboxMessage_status_priority_notBefore_idx" ON "OutboxMessage"("status", "priority", "notBefore");

-- CreateIndex
CREATE INDEX "InboxUpdate_chatKey_updateId_idx" ON "InboxUpdate"("chatKey", "updateId");

-- CreateIndex
CREATE INDEX "InboxUpdate_status_idx" ON "InboxUpdate"("status");


-- The one pacer row (bot/notifications/sender.ts).
INSERT INTO "SendPacer" ("id", "nextAt", "pausedUntil") VALUES (1, 0, 0);
