// The human-readable text of the directory's FHIR resources (a service's fee
// and billing notes, the zone of opening hours, the text of a coded concept),
// in one language: the request's for reads and searches, English for the bulk
// files. Built from the portal's own messages, so FHIR says what the pages say
// in every locale, and the serializers stay pure (they take it as a value).
import { createTranslator } from "next-intl";
import type { Locale } from "../../i18n/locales";
import { loadMessages, type Messages } from "../../i18n/messages";
import { formatCny } from "../../catalogue/format";

export interface DirectoryText {
  locale: Locale;
  specialty(code: string): string;
  therapy(code: string): string;
  condition(code: string): string;
  /** "Consultation fee" (a department) or "Price" (a package, for the whole package). */
  feeLabel(kind: "department" | "package"): string;
  /** The amount in CNY as the locale writes it. */
  cny(fen: number): string;
  /** "Price for the whole package, in Chinese yuan (CNY)." */
  packagePriceNote: string;
  sessions(count: number): string;
  days(count: number): string;
  /** "Insurers that bill directly". */
  billingTitle: string;
  /** "No direct-billing agreements: you pay yourself and claim from your insurer afterwards." */
  noBilling: string;
  /** "Pre-authorization". */
  preauthLabel: string;
  /** "Not needed" / "3 working days ahead". */
  preauthDays(days: number): string;
  /** "Ways to pay: Visa, UnionPay". */
  acceptedPayments(methods: readonly string[]): string | null;
  /** "Demo data: the agreements, fees and exchange rates shown here are illustrative." */
  demoNote: string;
  /** "Times are Beijing time (UTC+8)." */
  beijingTime: string;
  /** "Opening hours (Beijing time)". */
  hoursTitle: string;
}

/** The text of one locale, from its messages file. */
export async function directoryText(locale: Locale): Promise<DirectoryText> {
  return directoryTextFrom(locale, await loadMessages(locale));
}

/** The same from messages already loaded (pure). */
export function directoryTextFrom(locale: Locale, messages: Messages): DirectoryText {
  const catalogue = createTranslator({ locale, messages, namespace: "Catalogue" });
  const hospital = createTranslator({ locale, messages, namespace: "Hospital" });
  const packages = createTranslator({ locale, messages, namespace: "Packages" });
  const payment = createTranslator({ locale, messages, namespace: "Payment" });
  const booking = createTranslator({ locale, messages, namespace: "Booking" });
  const label = (prefix: "specialty" | "therapy" | "condition", code: string) => {
    const key = `${prefix}.${code}` as Parameters<typeof catalogue>[0];
    return catalogue.has(key) ? catalogue(key) : code;
  };
  const method = (code: string) => {
    const key = `method.${code}` as Parameters<typeof payment>[0];
    return payment.has(key) ? payment(key) : code;
  };
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  return {
    locale,
    specialty: (code) => label("specialty", code),
    therapy: (code) => label("therapy", code),
    condition: (code) => label("condition", code),
    feeLabel: (kind) => (kind === "department" ? hospital("fee") : packages("price")),
    cny: (fen) => formatCny(fen, locale),
    packagePriceNote: packages("priceNote"),
    sessions: (count) => packages("sessionsCount", { count }),
    days: (count) => packages("daysCount", { count }),
    billingTitle: hospital("billing"),
    noBilling: hospital("noBilling"),
    preauthLabel: hospital("preauth"),
    preauthDays: (days) => hospital("preauthDays", { days }),
    acceptedPayments: (methods) =>
      methods.length === 0 ? null : payment("accepted", { methods: list.format(methods.map(method)) }),
    demoNote: payment("demoNote"),
    beijingTime: booking("beijingTime"),
    hoursTitle: hospital("hours"),
  };
}
