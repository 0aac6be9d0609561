-- CreateIndex
CREATE INDEX "CampaignClaim_merchantId_shopperKey_idx" ON "CampaignClaim"("merchantId", "shopperKey");

