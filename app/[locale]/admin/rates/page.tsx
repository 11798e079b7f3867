import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { Field, SelectField } from "@/components/ui/field";
import { adminPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { currencies } from "@/lib/payment/codes";
import { latestRates } from "@/lib/payment/exchange-rates";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { calendarDateOf, isoDate } from "@/lib/time/zone";
import { setExchangeRateAction } from "../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { PageHeader } from "@/components/ui/page-header";

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
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      {rates.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <Table
          caption={t("title")}
          columns={[
            { label: tf("currency") },
            { label: tf("unitsPerCny"), end: true },
            { label: tf("effectiveOn") },
            { label: t("setBy") },
          ]}
        >
          {rates.map((r) => (
            <Row key={r.currency}>
              <RowHeader>
                {r.currency} · {currencyName.of(r.currency)}
              </RowHeader>
              <Cell end>{format.number(r.unitsPerCny, { maximumFractionDigits: 6 })}</Cell>
              <Cell>{r.effectiveOn}</Cell>
              <Cell>{r.createdBy ?? t("seeded")}</Cell>
            </Row>
          ))}
        </Table>
      )}
      <ActionForm action={setExchangeRateAction} locale={locale} submitLabel={t("submit")}>
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="font-semibold">{t("set")}</legend>
          <SelectField
            id="currency"
            name="currency"
            label={tf("currency")}
            defaultValue="USD"
            inline
            options={currencies.map((c) => ({ value: c, label: `${c} · ${currencyName.of(c)}` }))}
          />
          <Field
            id="unitsPerCny"
            name="unitsPerCny"
            label={tf("unitsPerCny")}
            type="number"
            inputMode="decimal"
            step="any"
            min={0}
            required
            inline
          />
          <Field
            id="effectiveOn"
            name="effectiveOn"
            label={tf("effectiveOn")}
            type="date"
            required
            defaultValue={isoDate(calendarDateOf(new Date()))}
            inline
          />
        </fieldset>
      </ActionForm>
    </div>
  );
}
