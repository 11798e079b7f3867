import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { TableHead } from "@/components/staff/table-head";
import { TextField } from "@/components/staff/text-field";
import { adminPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { currencies } from "@/lib/payment/codes";
import { latestRates } from "@/lib/payment/exchange-rates";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { calendarDateOf, isoDate } from "@/lib/time/zone";
import { setExchangeRateAction } from "../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.rates");

export default async function RatesPage({ params }: Props) {
  const { locale } = await openPage(params);
  await adminPage("rates.manage", locale, `/${locale}/admin/rates`);
  const rates = await latestRates(getDb());
  const t = await getTranslations("Admin.rates");
  const tf = await getTranslations("Staff.field");
  const format = await getFormatter();
  const currencyName = new Intl.DisplayNames([locale], { type: "currency" });
  const field = "mt-1 block rounded border border-slate-400 px-3 py-2";
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      </div>
      {rates.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <TableHead
            columns={[
              { label: tf("currency") },
              { label: tf("unitsPerCny"), end: true },
              { label: tf("effectiveOn") },
              { label: t("setBy") },
            ]}
          />
          <tbody>
            {rates.map((r) => (
              <tr key={r.currency} className="border-b border-slate-200">
                <th scope="row" className="p-2 text-start font-medium">
                  {r.currency} · {currencyName.of(r.currency)}
                </th>
                <td className="p-2 text-end tabular-nums">
                  {format.number(r.unitsPerCny, { maximumFractionDigits: 6 })}
                </td>
                <td className="p-2">{r.effectiveOn}</td>
                <td className="p-2">{r.createdBy ?? t("seeded")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionForm action={setExchangeRateAction} locale={locale} submitLabel={t("submit")}>
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="font-semibold">{t("set")}</legend>
          <div>
            <label htmlFor="currency" className="block font-medium">
              {tf("currency")}
            </label>
            <select id="currency" name="currency" defaultValue="USD" className={field}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c} · {currencyName.of(c)}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="unitsPerCny"
            label={tf("unitsPerCny")}
            name="unitsPerCny"
            type="number"
            inputMode="decimal"
            step="any"
            min={0}
            required
            className={field}
          />
          <TextField
            id="effectiveOn"
            label={tf("effectiveOn")}
            name="effectiveOn"
            type="date"
            required
            defaultValue={isoDate(calendarDateOf(new Date()))}
            className={field}
          />
        </fieldset>
      </ActionForm>
    </div>
  );
}
