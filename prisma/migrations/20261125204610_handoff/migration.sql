-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "agentReadSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "handoffReason" TEXT,
ADD COLUMN     "queuedAt" TIMESTAMP(3),
ADD COLUMN     "shopperReadSeq" INTEGER NOT NULL DEFAULT 0;

