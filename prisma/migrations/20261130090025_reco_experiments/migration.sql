-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "variants" JSONB NOT NULL,
    "goal" TEXT NOT NULL DEFAULT 'order',
    "status" TEXT NOT NULL DEFAULT 'running',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentAssignment" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "convertedAt" TIMESTAMP(3),
    "conversion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExperimentAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationModel" (
    "merchantId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecommendationModel_pkey" PRIMARY KEY ("merchantId")
);

-- CreateIndex
CREATE INDEX "Experiment_merchantId_status_idx" ON "Experiment"("merchantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_merchantId_key_key" ON "Experiment"("merchantId", "key");

-- CreateIndex
CREATE INDEX "ExperimentAssignment_merchantId_conversationId_idx" ON "ExperimentAssignment"("merchantId", "conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentAssignment_experimentId_conversationId_key" ON "ExperimentAssignment"("experimentId", "conversationId");

-- AddForeignKey
ALTER TABLE "ExperimentAssignment" ADD CONSTRAINT "ExperimentAssignment_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

