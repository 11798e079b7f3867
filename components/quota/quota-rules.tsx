// The quota rules of a city (app/[locale]/admin/quota): the rules in force,
// planned and ended, each with its "withdraw" or "end" form, and the form
// setting a new one.
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm, type ActionFormProps } from "@/components/staff/action-form";
import { Field, SelectField } from "@/components/ui/field";
import { Section } from "@/components/ui/section";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import type { listQuotaRules } from "@/lib/quota/list-quota-rules";
import { percentLabel } from "./month-label";

type Rules = Awaited<ReturnType<typeof listQuotaRules>>;
type Action = ActionFormProps["action"];
type Props = {
  locale: string;
  city: { slug: string; name: string };
  rules: Rules;
  endAction: Action;
  setAction: Action;
};

export async function QuotaRules({ locale, city, rules, endAction, setAction }: Props) {
  const t = await getTranslations("Admin.quota");
  const tf = await getTranslations("Staff.field");
  const format = await getFormatter();
  return (
    <Section id="rules" title={t("rules")}>
      <p className="max-w-3xl text-slate-700">{t("rulesIntro")}</p>
      {rules.rules.length === 0 ? (
        <p>{t("noRules")}</p>
      ) : (
        <Table
          scroll
          caption={t("rulesCaption", { city: city.name })}
          columns={[
            { label: tf("scope") },
            { label: t("percent"), end: true },
            { label: t("from") },
            { label: t("to") },
            { label: t("stateCol") },
            { label: t("setBy") },
            { label: tf("action"), hidden: true },
          ]}
        >
          {rules.rules.map((r) => {
            const scopeName = r.institution ? r.institution.name : t(`scope.${r.scope}`);
            const label = { percent: format.number(r.percent), scope: scopeName };
            const mayChange = r.state !== "ended" && (r.scope !== "NATIONAL" || rules.canSetNational);
            return (
              <Row key={r.id} className="align-top">
                <RowHeader>{scopeName}</RowHeader>
                <Cell end>{percentLabel(locale, r.percent / 100)}</Cell>
                <Cell>{r.from}</Cell>
                <Cell>{r.to ?? t("openEnded")}</Cell>
                <Cell>{t(`state.${r.state}`)}</Cell>
                <Cell>{r.createdBy ?? "—"}</Cell>
                <Cell>
                  {mayChange && (
                    <ActionForm
                      action={endAction}
                      locale={locale}
                      tone="quiet"
                      hidden={{ ruleId: r.id }}
                      className={r.state === "planned" ? undefined : "flex flex-wrap items-end gap-2"}
                      submitLabel={r.state === "planned" ? t("withdraw", label) : t("endRule", label)}
                    >
                      {r.state !== "planned" && (
                        <Field
                          id={`lastDay-${r.id}`}
                          name="lastDay"
                          label={tf("lastDay")}
                          type="date"
                          required
                          min={rules.today}
                          defaultValue={rules.today}
                          inline
                        />
                      )}
                    </ActionForm>
                  )}
                </Cell>
              </Row>
            );
          })}
        </Table>
      )}
      <ActionForm
        action={setAction}
        locale={locale}
        submitLabel={t("setRuleSubmit")}
        hidden={{ city: city.slug }}
      >
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="font-semibold">{t("setRule")}</legend>
          <SelectField
            id="scope"
            name="scope"
            label={tf("scope")}
            defaultValue="CITY"
            inline
            options={(rules.canSetNational
              ? (["NATIONAL", "CITY", "INSTITUTION"] as const)
              : (["CITY", "INSTITUTION"] as const)
            ).map((s) => ({ value: s, label: t(`scope.${s}`) }))}
          />
          <SelectField
            id="institution"
            name="institution"
            label={tf("institution")}
            defaultValue=""
            inline
            options={[
              { value: "", label: "—" },
              ...rules.institutions.map((i) => ({ value: i.slug, label: i.name })),
            ]}
          />
          <Field
            id="percent"
            name="percent"
            label={tf("percent")}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={0.01}
            required
            defaultValue={10}
            inline
          />
          <Field
            id="effectiveFrom"
            name="effectiveFrom"
            label={tf("effectiveFrom")}
            type="date"
            required
            min={rules.today}
            defaultValue={rules.today}
            inline
          />
          <Field id="effectiveTo" name="effectiveTo" label={tf("effectiveTo")} type="date" inline />
        </fieldset>
      </ActionForm>
    </Section>
  );
}
