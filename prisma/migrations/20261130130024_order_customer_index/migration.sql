-- CreateIndex
CREATE INDEX "Order_merchantId_customerId_idx" ON "Order"("merchantId", "customerId");

