// Exchange rates kept by a system admin in the database (no call to an
// outside service). An estimate uses the latest rate on or before the day it
// is for, and says that rate's date; CNY is always the amount that counts.
import { z } from "zod";
import type { DbClient, TxClient } from "../db/create-client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import { isoDaySchema } from "../time/iso-day";
import { currencySchema, type Currency } from "./codes";

export interface Rate {
  currency: Currency;
  unitsPerCny: number;
  effectiveOn: string;
}

/** The rate in force on `day` ("YYYY-MM-DD"), or null when none was entered yet. */
export async function rateOn(db: DbClient | TxClient, currency: Currency, day: string): Promise<Rate | null> {
  const row = await db.exchangeRate.findFirst({
    where: { currency, effectiveOn: { lte: new Date(`${day}T00:00:00Z`) } },
    orderBy: { effectiveOn: "desc" },
  });
  return row
    ? {
        currency,
        unitsPerCny: Number(row.unitsPerCny),
        effectiveOn: row.effectiveOn.toISOString().slice(0, 10),
      }
    : null;
}

/** A price in fen converted at `rate`: units of the rate's currency (approximate; CNY is what counts). */
export function convertFen(fen: number, rate: Rate): number {
  return (fen / 100) * rate.unitsPerCny;
}

/** A price in another currency, as shown beside the CNY price, with the date of the rate it used. */
export interface PriceEstimate {
  amount: number;
  currency: Currency;
  rateOn: string;
}

/**
 * The price `fen` in `currency` at the rate in force on `day` ("YYYY-MM-DD"), or null when no
 * rate was entered (then only CNY is shown). One home with the payment checker's estimate.
 */
export async function estimatePrice(
  db: DbClient | TxClient,
  fen: number,
  currency: Currency,
  day: string,
): Promise<PriceEstimate | null> {
  const rate = await rateOn(db, currency, day);
  return rate ? { amount: convertFen(fen, rate), currency, rateOn: rate.effectiveOn } : null;
}

/** The latest rate of every currency (the admin's table). */
export async function latestRates(
  db: DbClient,
): Promise<(Rate & { createdAt: Date; createdBy: string | null })[]> {
  const rows = await db.exchangeRate.findMany({
    distinct: ["currency"],
    orderBy: [{ currency: "asc" }, { effectiveOn: "desc" }],
    include: { createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({
    currency: r.currency as Currency,
    unitsPerCny: Number(r.unitsPerCny),
    effectiveOn: r.effectiveOn.toISOString().slice(0, 10),
    createdAt: r.createdAt,
    createdBy: r.createdBy?.name ?? null,
  }));
}

export const setRateSchema = z
  .object({
    currency: currencySchema,
    /** Units of the currency one CNY buys, e.g. 0.1389 USD. */
    unitsPerCny: z.number().gt(0).max(1_000_000),
    effectiveOn: isoDaySchema,
  })
  .strict();

/** Use case: a system admin enters a currency's rate from a day on (a rate for the same day is replaced). */
export async function setExchangeRate(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof setRateSchema>,
) {
  const admin = requireAdmin(actor, "rates.manage");
  if (!Number.isFinite(input.unitsPerCny) || Number(input.unitsPerCny.toFixed(8)) === 0)
    throw new AppError("VALIDATION_FAILED", { fields: { unitsPerCny: "outOfRange" } });
  const effectiveOn = new Date(`${input.effectiveOn}T00:00:00Z`);
  return db.$transaction(async (tx) => {
    const before = await tx.exchangeRate.findUnique({
      where: { currency_effectiveOn: { currency: input.currency, effectiveOn } },
    });
    const rate = await tx.exchangeRate.upsert({
      where: { currency_effectiveOn: { currency: input.currency, effectiveOn } },
      create: {
        currency: input.currency,
        unitsPerCny: input.unitsPerCny,
        effectiveOn,
        createdById: admin.actor.userId,
      },
      update: { unitsPerCny: input.unitsPerCny, createdById: admin.actor.userId },
    });
    await recordAudit(tx, {
      actorId: admin.actor.userId,
      actorRole: admin.role,
      action: "payment.rate.set",
      entityType: "exchange_rate",
      entityId: rate.id,
      before: before
        ? {
            currency: input.currency,
            unitsPerCny: Number(before.unitsPerCny),
            effectiveOn: input.effectiveOn,
          }
        : null,
      after: { currency: input.currency, unitsPerCny: input.unitsPerCny, effectiveOn: input.effectiveOn },
    });
    return { currency: input.currency, unitsPerCny: input.unitsPerCny, effectiveOn: input.effectiveOn };
  });
}
