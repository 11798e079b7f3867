-- Issue 7: how a patient can pay. What to bring for direct billing, how an
-- institution takes self-pay, and exchange rates kept by a system admin (no
-- call to an outside service).

-- AlterTable
ALTER TABLE "institution" ADD COLUMN     "accepted_payments" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "direct_billing_agreement" ADD COLUMN     "documents" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "exchange_rate" (
    "id" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "units_per_cny" DECIMAL(18,8) NOT NULL,
    "effective_on" DATE NOT NULL,
    "created_by_id" TEXT,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exchange_rate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "exchange_rate_currency_effective_on_key" ON "exchange_rate"("currency", "effective_on");

-- AddForeignKey
ALTER TABLE "exchange_rate" ADD CONSTRAINT "exchange_rate_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A rate is an ISO 4217 code and a positive amount, one rate per currency and day.
ALTER TABLE "exchange_rate" ADD CONSTRAINT "exchange_rate_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$' AND "currency" <> 'CNY');
ALTER TABLE "exchange_rate" ADD CONSTRAINT "exchange_rate_positive_check" CHECK ("units_per_cny" > 0);
