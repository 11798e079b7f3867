// The translator's workflow in the admin console (issue 19): the export form
// (language, which texts, format → a download), the upload form (a real
// multipart form posting to the upload route), the per-language completeness
// table for the admin home, and the dry run's unit-by-unit table. Numbers and
// percentages through Intl in the page's language.
import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { locales } from "@/lib/i18n/locales";
import { languageName } from "@/lib/catalogue/format";
import { FetchForm } from "@/components/admin/fetch-form";
import { buttonClass } from "@/components/ui/button-class";
import { Field, SelectField } from "@/components/ui/field";
import { Section } from "@/components/ui/section";
import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import type { TranslationCompleteness } from "@/lib/translation/translation-completeness";
import { completenessEntities } from "@/lib/translation/translation-completeness";
import { exportScopes, translationFormats } from "@/lib/translation/export-translations";
import type { PlannedUnit } from "@/lib/translation/translation-plan";

const languageOptions = (locale: string) =>
  locales.map((l) => ({ value: l, label: `${languageName(l, l)} · ${languageName(l, locale)}`, lang: l }));

export async function TranslationExportForm({
  locale,
  city,
  language,
  scope,
}: {
  locale: string;
  city: string;
  language?: string;
  scope?: string;
}) {
  const t = await getTranslations("Admin.translations");
  return (
    <Section id="translations-export" title={t("exportTitle")}>
      <form method="get" action={`/${locale}/admin/translations/export`} className="grid max-w-xl gap-4">
        <input type="hidden" name="city" value={city} />
        <SelectField
          id="export-language"
          name="language"
          label={t("language")}
          options={languageOptions(locale)}
          defaultValue={language ?? "ru"}
        />
        <SelectField
          id="export-scope"
          name="scope"
          label={t("scope")}
          options={exportScopes.map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
          defaultValue={scope ?? "missing_and_outdated"}
        />
        <SelectField
          id="export-format"
          name="format"
          label={t("format")}
          options={translationFormats.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
        />
        <div>
          <button type="submit" className={buttonClass()}>
            {t("download")}
          </button>
        </div>
      </form>
    </Section>
  );
}

export async function TranslationUploadForm({
  locale,
  city,
  maxKilobytes,
}: {
  locale: string;
  city: string;
  maxKilobytes: number;
}) {
  const t = await getTranslations("Admin.translations");
  return (
    <Section id="translations-import" title={t("importTitle")}>
      <FetchForm
        encType="multipart/form-data"
        action={`/${locale}/admin/translations/upload`}
        className="grid max-w-xl gap-4"
      >
        <input type="hidden" name="city" value={city} />
        <SelectField
          id="import-language"
          name="language"
          label={t("language")}
          options={languageOptions(locale)}
          defaultValue="ru"
        />
        <Field
          id="import-file"
          name="file"
          type="file"
          required
          accept=".xlf,.xliff,.xml,.xlsx"
          label={t("file")}
          hint={t("fileHint", { maxKilobytes })}
        />
        <div>
          <button type="submit" className={buttonClass()}>
            {t("upload")}
          </button>
        </div>
      </FetchForm>
    </Section>
  );
}

export async function TranslationCompletenessTable({
  completeness,
  locale,
}: {
  completeness: TranslationCompleteness;
  locale: string;
}) {
  const t = await getTranslations("Admin.translations");
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const city = completeness.city.slug;
  return (
    <Section id="translation-completeness" title={t("completenessTitle")} intro={t("completenessIntro")}>
      <Table
        caption={t("completenessTitle")}
        scroll
        columns={[
          { label: t("languageColumn") },
          ...completenessEntities.map((e) => ({ label: t(`entities.${e}`), end: true })),
          { label: t("exportLink"), hidden: true },
        ]}
      >
        {completeness.rows.map((row) => (
          <Row key={row.language}>
            <RowHeader>
              <span lang={row.language}>{languageName(row.language, row.language)}</span>
              {row.language !== locale && (
                <span className="ms-1 text-slate-600">({languageName(row.language, locale)})</span>
              )}
            </RowHeader>
            {completenessEntities.map((e) => {
              const c = row.entities[e];
              return (
                <Cell key={e} end>
                  <span className="block">
                    {t("cell", {
                      complete: number.format(c.complete),
                      total: number.format(c.total),
                      percent: percent.format(c.total === 0 ? 1 : c.complete / c.total),
                    })}
                  </span>
                  {(c.outdated > 0 || c.missing > 0) && (
                    <span className="block text-xs text-slate-600">
                      {t("cellDetail", {
                        outdated: number.format(c.outdated),
                        missing: number.format(c.missing),
                      })}
                    </span>
                  )}
                </Cell>
              );
            })}
            <Cell>
              <Link
                href={{ pathname: "/admin/translations", query: { city, language: row.language } }}
                className="text-brand-700 underline"
              >
                {t("exportLink")}
                <span className="sr-only"> · {languageName(row.language, locale)}</span>
              </Link>
            </Cell>
          </Row>
        ))}
      </Table>
    </Section>
  );
}

const outcomeTone: Record<PlannedUnit["outcome"], BadgeTone> = {
  new: "good",
  changed: "warning",
  unchanged: "neutral",
  skipped: "neutral",
  error: "bad",
};

export async function TranslationPlanTable({
  units,
  language,
}: {
  units: readonly PlannedUnit[];
  language: string;
}) {
  const t = await getTranslations("Admin.translations");
  return (
    <Table
      caption={t("unit")}
      scroll
      columns={[{ label: t("unit") }, { label: t("before") }, { label: t("after") }, { label: t("outcome") }]}
    >
      {units.map((u) => (
        <Row key={`${u.position}-${u.id}`}>
          <RowHeader className="p-2 text-start align-top font-normal">
            <span className="block font-medium">{u.context || u.id}</span>
            <span className="block text-xs text-slate-600" dir="ltr">
              {u.id}
            </span>
            {u.source && (
              <span className="mt-1 block text-slate-700" lang="en" dir="auto">
                {u.source}
              </span>
            )}
          </RowHeader>
          <Cell className="p-2 align-top">
            {u.before !== null && (
              <span lang={language} dir="auto">
                {u.before}
              </span>
            )}
          </Cell>
          <Cell className="p-2 align-top">
            <span lang={language} dir="auto">
              {u.after}
            </span>
          </Cell>
          <Cell className="p-2 align-top">
            <StatusBadge tone={outcomeTone[u.outcome]}>{t(`outcomes.${u.outcome}`)}</StatusBadge>
            {u.problem && (
              <span className="mt-1 block text-red-800">
                {t(`problems.${u.problem}`, { limit: u.limit ?? 0 })}
              </span>
            )}
            {u.sourceChanged && <span className="mt-1 block text-amber-900">{t("sourceChanged")}</span>}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
