// A price as the patient reads it on the booking pages and the manage page:
// CNY (the amount that counts) and, beside it, approximately in the patient's
// currency with the rate's date, nothing more when no rate is known. The form
// to choose that currency works without JavaScript (a server action given by
// the page), and is offered before the patient starts typing their details.
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { formatCny } from "@/lib/catalogue/format";
import { currencies, type Currency } from "@/lib/payment/codes";
import type { PriceEstimate } from "@/lib/payment/exchange-rates";
import { estimateValues } from "@/lib/payment/money";

/** "≈ 1 234 ₽ (rate of 28 November 2026)", or null without a rate. */
export async function estimateText(estimate: PriceEstimate | null, locale: string): Promise<string | null> {
  if (!estimate) return null;
  const t = await getTranslations("Payment");
  return t("estimate", estimateValues(estimate, locale));
}

/** The CNY price, then the estimate on its own line (so a long one never runs into the price). */
export async function Price({
  fen,
  estimate,
  locale,
}: {
  fen: number;
  estimate: PriceEstimate | null;
  locale: string;
}) {
  const approximately = await estimateText(estimate, locale);
  return (
    <>
      <span className="tabular-nums">{formatCny(fen, locale)}</span>
      {approximately && (
        <span className="block text-sm text-slate-700" data-testid="estimate">
          {approximately}
        </span>
      )}
    </>
  );
}

/** "Also show prices in [currency] [Show]": `action` remembers the choice and sends the browser `back`. */
export async function CurrencyChoice({
  action,
  back,
  chosen,
  locale,
}: {
  action: (formData: FormData) => Promise<void>;
  back: string;
  chosen: Currency;
  locale: string;
}) {
  const tp = await getTranslations("Payment");
  const t = await getTranslations("Booking");
  const names = new Intl.DisplayNames([locale], { type: "currency" });
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="back" value={back} />
      <SelectField
        id="currency"
        name="currency"
        label={tp("field.currency")}
        defaultValue={chosen}
        inline
        options={currencies.map((c) => ({ value: c, label: names.of(c) ?? c }))}
      />
      <Button type="submit" tone="quiet" size="small">
        {t("currencySubmit")}
      </Button>
    </form>
  );
}
