-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN     "cacheVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
-- UNLOGGED: a lease lives seconds; no WAL write (and no fsync wait) per turn, and a crash
-- empties the table, which is what every holder losing its lease means anyway.
CREATE UNLOGGED TABLE "Lease" (
    "key" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("key")
);

