-- CreateTable
CREATE TABLE "Analysis" (
    "id" SERIAL NOT NULL,
    "startOn" TEXT NOT NULL,
    "endOn" TEXT NOT NULL,
    "reportSignedOn" TEXT,
    "planApprovedOn" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Analysis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "analysisId" INTEGER,
    "milestoneId" TEXT,
    "titleKey" TEXT,
    "titleParams" TEXT,
    "number" TEXT,
    "section" TEXT,
    "risk" TEXT,
    "title" TEXT NOT NULL,
    "completionForm" TEXT,
    "expectedResult" TEXT,
    "responsibleText" TEXT,
    "deadlineText" TEXT,
    "deadline" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "importBatch" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskAssignee" (
    "taskId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,

    CONSTRAINT "TaskAssignee_pkey" PRIMARY KEY ("taskId","userId")
);

-- CreateTable
CREATE TABLE "TaskOccurrence" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "doneOn" TEXT,
    "doneById" INTEGER,
    "evidence" TEXT,
    "originalDueOn" TEXT,

    CONSTRAINT "TaskOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Task_kind_status_idx" ON "Task"("kind", "status");

-- CreateIndex
CREATE INDEX "TaskAssignee_userId_idx" ON "TaskAssignee"("userId");

-- CreateIndex
CREATE INDEX "TaskOccurrence_status_dueOn_idx" ON "TaskOccurrence"("status", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "TaskOccurrence_taskId_dueOn_key" ON "TaskOccurrence"("taskId", "dueOn");

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignee" ADD CONSTRAINT "TaskAssignee_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskOccurrence" ADD CONSTRAINT "TaskOccurrence_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

