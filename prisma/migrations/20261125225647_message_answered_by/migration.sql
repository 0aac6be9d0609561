-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "answeredBy" TEXT;

