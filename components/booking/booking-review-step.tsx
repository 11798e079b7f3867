"use client";

// Step 2 of the booking form: everything the patient entered, read back, then
// "Confirm" posts it to the booking server action (pending while it runs) or
// "Edit" goes back to step 1 with the values kept. With an insurer that
// approves visits first, it says the booking waits for its guarantee.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TEXT_FIELDS, type BookingValues } from "./booking-values";
import { FocusHeading } from "./focus-heading";
import { LocalTime } from "./local-time";

/** What is booked, as the page wrote it: `when` is China's time, `startsAt` the instant (for the patient's own). */
export type BookingSummary = {
  when: string;
  startsAt: string;
  what: string;
  where: string;
  price: string;
  /** The price in the patient's currency, approximate, with the rate's date; null when no rate is known. */
  estimate: string | null;
};

type Props = {
  values: BookingValues;
  summary: BookingSummary;
  countries: { code: string; name: string }[];
  languages: { code: string; name: string }[];
  insurerName: string | undefined;
  /** Direct billing by an insurer that approves the visit first: the booking waits for its guarantee. */
  awaitsGuarantee: boolean;
  /** The hidden fields the server action reads: the payload, the idempotency key and the locale. */
  hidden: Record<string, string>;
  action: (formData: FormData) => void;
  pending: boolean;
  /** False once the hold has run out: nothing to confirm until the time is held again. */
  canConfirm: boolean;
  onEdit: () => void;
};

export function BookingReviewStep(p: Props) {
  const t = useTranslations("Booking");
  const label = (field: string) => t(`field.${field}` as "field.name");
  const { values } = p;
  const shown = TEXT_FIELDS.filter(
    (f) =>
      f !== "insurer" &&
      values[f] &&
      (values.paymentMethod === "DIRECT_BILLING" || (f !== "policyNumber" && f !== "memberName")),
  );
  const display = (field: (typeof TEXT_FIELDS)[number]) =>
    field === "nationality"
      ? p.countries.find((c) => c.code === values.nationality)?.name
      : field === "preferredLanguage"
        ? p.languages.find((l) => l.code === values.preferredLanguage)?.name
        : values[field];
  const dt = "font-medium";
  const dd = "mb-2 min-w-0 [overflow-wrap:anywhere] sm:mb-0";
  const big = "rounded px-5 py-2.5 focus-visible:outline-2 focus-visible:outline-offset-2";
  return (
    <form action={p.action} className="space-y-4">
      <FocusHeading level={2} className="text-xl font-semibold">
        {t("reviewTitle")}
      </FocusHeading>
      {/* On a phone each label above its value; from sm, side by side. A value never widens the
          page (an e-mail address, a long name: they wrap anywhere). */}
      <dl className="grid grid-cols-1 gap-x-6 rounded border border-slate-200 p-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)] sm:gap-y-2">
        <dt className={dt}>{t("when")}</dt>
        <dd className={dd} data-testid="review-when">
          {p.summary.when}
          <LocalTime iso={p.summary.startsAt} withDate />
        </dd>
        <dt className={dt}>{t("what")}</dt>
        <dd className={dd} dir="auto">
          {p.summary.what}
        </dd>
        <dt className={dt}>{t("where")}</dt>
        <dd className={dd} dir="auto">
          {p.summary.where}
        </dd>
        <dt className={dt}>{t("fee")}</dt>
        <dd className={dd}>
          {p.summary.price}
          {p.summary.estimate && (
            <span className="block text-sm text-slate-700" data-testid="estimate">
              {p.summary.estimate}
            </span>
          )}
        </dd>
        {shown.map((field) => (
          <div key={field} className="contents">
            <dt className={dt}>{label(field)}</dt>
            <dd className={dd} dir="auto">
              {display(field)}
            </dd>
          </div>
        ))}
        <dt className={dt}>{label("interpreterWanted")}</dt>
        <dd className={dd}>{values.interpreterWanted ? t("yes") : t("no")}</dd>
        <dt className={dt}>{label("visaLetterWanted")}</dt>
        <dd className={dd}>{values.visaLetterWanted ? t("yes") : t("no")}</dd>
        <dt className={dt}>{label("paymentMethod")}</dt>
        <dd className={dd}>
          {values.paymentMethod === "SELF_PAY"
            ? t("selfPay")
            : `${t("directBilling")}: ${p.insurerName ?? ""}`}
        </dd>
      </dl>
      {p.awaitsGuarantee && (
        <p
          data-testid="awaits-guarantee"
          className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950"
        >
          {t("awaitsGuarantee", { insurer: p.insurerName ?? "" })}
        </p>
      )}
      {Object.entries(p.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap gap-4">
        <Button
          type="submit"
          disabled={p.pending || !p.canConfirm}
          className={`${big} bg-brand-700 font-medium text-white hover:bg-brand-800 disabled:opacity-60`}
        >
          {p.pending ? t("sending") : t("confirm")}
        </Button>
        <Button type="button" onClick={p.onEdit} className={`${big} border border-slate-300`}>
          {t("edit")}
        </Button>
      </div>
    </form>
  );
}
