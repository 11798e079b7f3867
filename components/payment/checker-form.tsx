// The payment checker's question (app/[locale]/payment): insurer or self-pay,
// kind of visit, city, date and the currency to estimate in. A GET form.
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { checkerOptions } from "@/lib/payment/checker-options";
import { currencies, visitKinds } from "@/lib/payment/codes";

type Props = {
  options: Awaited<ReturnType<typeof checkerOptions>>;
  chosen: { insurer?: string; visit: string; city?: string; date: string; currency?: string };
  today: string;
  locale: string;
  label: (field: string) => string;
};

export async function CheckerForm({ options, chosen, today, locale, label }: Props) {
  const t = await getTranslations("Payment");
  const currencyName = new Intl.DisplayNames([locale], { type: "currency" });
  return (
    <form
      method="get"
      className="grid gap-4 rounded border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-5"
    >
      <SelectField
        id="insurer"
        name="insurer"
        label={label("insurer")}
        defaultValue={chosen.insurer ?? "self"}
        options={[
          { value: "self", label: t("selfPayOption") },
          ...options.insurers.map((i) => ({ value: i.slug, label: i.name })),
        ]}
      />
      <SelectField
        id="visit"
        name="visit"
        label={label("visit")}
        defaultValue={chosen.visit}
        options={visitKinds.map((v) => ({ value: v, label: t(`visit.${v}`) }))}
      />
      <SelectField
        id="city"
        name="city"
        label={label("city")}
        defaultValue={chosen.city}
        options={options.cities.map((c) => ({ value: c.slug, label: c.name }))}
      />
      <Field
        id="date"
        name="date"
        label={label("date")}
        type="date"
        required
        min={today}
        defaultValue={chosen.date}
      />
      <SelectField
        id="currency"
        name="currency"
        label={label("currency")}
        defaultValue={chosen.currency}
        options={currencies.map((c) => ({ value: c, label: currencyName.of(c) ?? c }))}
      />
      <div className="sm:col-span-2 lg:col-span-5">
        <Button
          type="submit"
          className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
