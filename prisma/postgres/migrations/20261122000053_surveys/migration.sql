-- CreateTable
CREATE TABLE "SurveyDefinition" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "definitionId" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "opensOn" TEXT NOT NULL,
    "closesOn" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "reminderCap" INTEGER NOT NULL DEFAULT 2,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedOn" TEXT,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignParticipant" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "departmentId" INTEGER,
    "inviteStatus" TEXT NOT NULL DEFAULT 'pending',
    "inviteClaimedAt" TIMESTAMP(3),
    "invitedOn" TEXT,
    "completedOn" TEXT,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedOn" TEXT,
    "reminderClaimedAt" TIMESTAMP(3),

    CONSTRAINT "CampaignParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyDraft" (
    "key" TEXT NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyDraft_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AnswerCount" (
    "campaignId" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AnswerCount_pkey" PRIMARY KEY ("campaignId","questionId","groupKey","code")
);

-- CreateTable
CREATE TABLE "AnswerPool" (
    "campaignId" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "AnswerPool_pkey" PRIMARY KEY ("campaignId","questionId","groupKey")
);

-- CreateTable
CREATE TABLE "ResponseCount" (
    "campaignId" INTEGER NOT NULL,
    "groupKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ResponseCount_pkey" PRIMARY KEY ("campaignId","groupKey")
);

-- CreateTable
CREATE TABLE "InterviewResponse" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "answers" TEXT NOT NULL,
    "submittedOn" TEXT NOT NULL,

    CONSTRAINT "InterviewResponse_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "SurveyDefinition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignParticipant" ADD CONSTRAINT "CampaignParticipant_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

