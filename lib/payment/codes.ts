// The payment vocabulary: visit kinds, what a patient brings for direct
// billing, how institutions take a self-pay bill, and the currencies an
// estimate can be shown in. Labels live in messages (Payment.*).
import { z } from "zod";
import type { Locale } from "../i18n/locales";

export const visitKinds = ["OUTPATIENT", "INPATIENT", "TCM_PACKAGE"] as const;
export type VisitKindCode = (typeof visitKinds)[number];

export const documentCodes = [
  "passport",
  "insurance_card",
  "guarantee_letter",
  "claim_form",
  "referral",
] as const;
export const paymentMethodCodes = [
  "visa",
  "mastercard",
  "unionpay",
  "jcb",
  "amex",
  "alipay_foreign",
  "wechat_foreign",
  "cash",
] as const;

/** Currencies an estimate can be shown in (a rate must exist for the one chosen). */
export const currencies = [
  "USD",
  "EUR",
  "GBP",
  "JPY",
  "KRW",
  "RUB",
  "AED",
  "SAR",
  "IDR",
  "HKD",
  "AUD",
  "CAD",
  "SGD",
  "CHF",
  "THB",
  "VND",
  "MNT",
  "KZT",
] as const;
export type Currency = (typeof currencies)[number];
export const currencySchema = z.enum(currencies);

/** A sensible first currency for a visitor reading the portal in `locale` (they can pick another). */
export const defaultCurrency: Record<Locale, Currency> = {
  en: "USD",
  zh: "HKD",
  ru: "RUB",
  ar: "AED",
  ja: "JPY",
  ko: "KRW",
  fr: "EUR",
  es: "EUR",
  de: "EUR",
  id: "IDR",
  th: "THB",
  vi: "VND",
  mn: "MNT",
  kk: "KZT",
};
