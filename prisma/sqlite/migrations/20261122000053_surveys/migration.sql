-- CreateTable
CREATE TABLE "SurveyDefinition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "definitionId" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "opensOn" TEXT NOT NULL,
    "closesOn" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "reminderCap" INTEGER NOT NULL DEFAULT 2,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedOn" TEXT,
    CONSTRAINT "Campaign_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "SurveyDefinition" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CampaignParticipant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "departmentId" INTEGER,
    "inviteStatus" TEXT NOT NULL DEFAULT 'pending',
    "inviteClaimedAt" DATETIME,
    "invitedOn" TEXT,
    "completedOn" TEXT,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedOn" TEXT,
    "reminderClaimedAt" DATETIME,
    CONSTRAINT "CampaignParticipant_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyDraft" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "campaignId" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AnswerCount" (
    "campaignId" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("campaignId", "questionId", "groupKey", "code")
);

-- CreateTable
CREATE TABLE "AnswerPool" (
    "campaignId" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("campaignId", "questionId", "groupKey")
);

-- CreateTable
CREATE TABLE "ResponseCount" (
    "campaignId" INTEGER NOT NULL,
    "groupKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("campaignId", "groupKey")
);

-- CreateTable
CREATE TABLE "InterviewResponse" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "answers" TEXT NOT NULL,
    "submittedOn" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyDefinition_slug_version_key" ON "SurveyDefinition"("slug", "version");

-- CreateIndex
CREATE INDEX "CampaignParticipant_campaignId_inviteStatus_idx" ON "CampaignParticipant"("campaignId", "inviteStatus");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignParticipant_campaignId_userId_key" ON "CampaignParticipant"("campaignId", "userId");

-- CreateIndex
CREATE INDEX "SurveyDraft_campaignId_idx" ON "SurveyDraft"("campaignId");

-- CreateIndex
CREATE INDEX "SurveyDraft_expiresAt_idx" ON "SurveyDraft"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewResponse_campaignId_userId_key" ON "InterviewResponse"("campaignId", "userId");

