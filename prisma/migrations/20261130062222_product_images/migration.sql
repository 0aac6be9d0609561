-- CreateTable
CREATE TABLE "ProductImage" (
    "productId" TEXT NOT NULL,
    "dataUrl" TEXT NOT NULL,

    CONSTRAINT "ProductImage_pkey" PRIMARY KEY ("productId")
);

-- AddForeignKey
ALTER TABLE "ProductImage" ADD CONSTRAINT "ProductImage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Move the images stored inline (data URLs) out of the product rows.
INSERT INTO "ProductImage" ("productId", "dataUrl")
SELECT "id", "imageUrl" FROM "Product" WHERE "imageUrl" LIKE 'data:image/%';
UPDATE "Product" SET "imageUrl" = '/media/products/' || "id" || '?v=' || substr(md5("imageUrl"), 1, 12)
WHERE "imageUrl" LIKE 'data:image/%';
