-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "unanswered" BOOLEAN NOT NULL DEFAULT false;

