-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN     "cacheVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Lease" (
    "key" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("key")
);

