// The admission standard of an institution (app/[locale]/admin/institutions/[slug]):
// the criteria with their evidence, listing or delisting, and the history.
import { getTranslations } from "next-intl/server";
import { Checkbox, Field } from "@/components/ui/field";
import { FormSection, Section } from "@/components/ui/section";
import { beijingFormat } from "@/components/ui/formats";
import type { ActionFormProps } from "@/components/staff/action-form";

type Base = { action: ActionFormProps["action"]; locale: string; institution: string };
type Criterion = {
  criterion: string;
  met: boolean;
  evidence: string;
  checkedAt: Date | null;
  checkedBy: string | null;
};

export async function CriteriaSection({
  action,
  locale,
  institution,
  criteria,
}: Base & { criteria: Criterion[] }) {
  const t = await getTranslations("Admin.standard");
  const tc = await getTranslations("Admin.criterion");
  const when = beijingFormat(locale, "medium", "short");
  return (
    <FormSection
      id="criteria"
      title={t("criteria")}
      before={<p className="max-w-3xl text-slate-700">{t("criteriaIntro")}</p>}
      {...{ action, locale }}
      submitLabel={t("save")}
      hidden={{ institution }}
    >
      <ul className="space-y-4">
        {criteria.map((c) => (
          <li key={c.criterion} className="rounded border border-slate-200 p-3">
            <Checkbox
              id={`met_${c.criterion}`}
              name={`met_${c.criterion}`}
              label={<span className="font-medium">{tc(c.criterion as "INTERNATIONAL_SERVICE_POINT")}</span>}
              defaultChecked={c.met}
            />
            <Field
              id={`evidence_${c.criterion}`}
              name={`evidence_${c.criterion}`}
              label={<span className="mt-2 block text-sm font-normal">{t("evidence")}</span>}
              defaultValue={c.evidence}
              maxLength={1000}
            />
            {c.checkedAt && (
              <p className="mt-1 text-xs text-slate-600">
                {t("checked", { date: when.format(c.checkedAt), by: c.checkedBy ?? "—" })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </FormSection>
  );
}

/** Lists or delists the institution; listing needs every criterion met. */
export async function ListingSection({
  action,
  locale,
  institution,
  listed,
  allMet,
}: Base & { listed: boolean; allMet: boolean }) {
  const t = await getTranslations("Admin.standard");
  return (
    <FormSection
      id="listing"
      title={t("listing")}
      before={
        <p className="max-w-3xl text-slate-700">
          {allMet || listed ? t("listingIntro") : t("listingNeedsAll")}
        </p>
      }
      {...{ action, locale }}
      submitLabel={listed ? t("delist") : t("list")}
      tone={listed ? "danger" : "primary"}
      hidden={{ institution, decision: listed ? "delist" : "list" }}
    />
  );
}

export async function StandardHistory({
  locale,
  history,
}: {
  locale: string;
  history: { at: Date; action: string; by: string | null }[];
}) {
  const t = await getTranslations("Admin.standard");
  const when = beijingFormat(locale, "medium", "short");
  return (
    <Section id="history" title={t("history")}>
      {history.length === 0 ? (
        <p>{t("noHistory")}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {history.map((h, i) => (
            <li key={i}>
              {when.format(h.at)} · {t(`action.${h.action.replace("guide.", "") as "list"}`)} · {h.by ?? "—"}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
