-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "priority" INTEGER NOT NULL,
    "chatKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "notBefore" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "ambiguous" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxChat" (
    "chatKey" TEXT NOT NULL,
    "nextAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxChat_pkey" PRIMARY KEY ("chatKey")
);

-- CreateTable
CREATE TABLE "SendPacer" (
    "id" INTEGER NOT NULL,
    "nextAt" BIGINT NOT NULL,
    "pausedUntil" BIGINT NOT NULL,

    CONSTRAINT "SendPacer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxUpdate" (
    "updateId" BIGINT NOT NULL,
    "chatKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InboxUpdate_pkey" PRIMARY KEY ("updateId")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_status_priority_notBefore_idx" ON "OutboxMessage"("status", "priority", "notBefore");

-- CreateIndex
CREATE INDEX "InboxUpdate_chatKey_updateId_idx" ON "InboxUpdate"("chatKey", "updateId");

-- CreateIndex
CREATE INDEX "InboxUpdate_status_idx" ON "InboxUpdate"("status");


-- The one pacer row (bot/notifications/sender.ts).
INSERT INTO "SendPacer" ("id", "nextAt", "pausedUntil") VALUES (1, 0, 0);
