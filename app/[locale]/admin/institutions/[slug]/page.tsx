import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { getInstitutionStandard } from "@/lib/guide/admission-standard";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import {
  addDepartmentAction,
  inviteFirstManagerAction,
  setInstitutionHoursAction,
  recordCriteriaAction,
  setListingAction,
  updateInstitutionAction,
} from "../../actions";
import { InstitutionFields } from "@/components/admin/institution-fields";
import { TableHead } from "@/components/staff/table-head";
import { TextField } from "@/components/staff/text-field";
import { getInstitutionEditor } from "@/lib/catalogue/manage-institution";
import { locales } from "@/lib/i18n/locales";
import { specialties } from "@/lib/catalogue/codes";
import { formatCny } from "@/lib/catalogue/format";
import { pickName } from "@/lib/i18n/content";

type Props = { params: Promise<{ locale: Locale; slug: string }> };

export const generateMetadata = staffTitle("Admin.standard");

export default async function StandardPage({ params }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const path = `/${locale}/admin/institutions/${slug}`;
  const scope = await adminPage("guide.manage", locale, path);
  const s = await getInstitutionStandard(getDb(), scope.actor, slug, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.standard");
  const tc = await getTranslations("Admin.criterion");
  const tk = await getTranslations("Admin.catalogue");
  const editor = await getInstitutionEditor(getDb(), scope.actor, slug);
  const language = new Intl.DisplayNames([locale], { type: "language" });
  const inputField = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  const tcat = await getTranslations("Catalogue");
  const weekdays = Array.from({ length: 7 }, (_, d) =>
    new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2026, 0, 4 + d)),
    ),
  );
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  });
  const allMet = s.criteria.every((c) => c.met);
  return (
    <div className="space-y-8">
      <div>
        <Link href={`/admin/institutions?city=${s.citySlug}`} className="text-brand-700 underline">
          {t("back")}
        </Link>
        <h1 className="mt-2 text-3xl font-bold text-brand-800">{s.name}</h1>
        <p lang="zh" className="text-slate-700">
          {s.nameZh}
        </p>
        <p className="mt-2" data-testid="listing-state">
          {s.listed
            ? t("listedSince", { date: s.listedAt ? when.format(s.listedAt) : "", by: s.listedBy ?? "—" })
            : t("notListed")}
        </p>
      </div>

      <section aria-labelledby="details" className="space-y-3">
        <h2 id="details" className="text-xl font-semibold">
          {tk("details")}
        </h2>
        <ActionForm action={updateInstitutionAction} locale={locale} submitLabel={tk("save")}>
          <input type="hidden" name="institution" value={s.slug} />
          <InstitutionFields values={editor} locale={locale} />
        </ActionForm>
      </section>

      <section aria-labelledby="hours" className="space-y-3">
        <h2 id="hours" className="text-xl font-semibold">
          {tk("hours")}
        </h2>
        <p className="text-sm text-slate-700">{tk("hoursIntro")}</p>
        <ActionForm action={setInstitutionHoursAction} locale={locale} submitLabel={tk("saveHours")}>
          <input type="hidden" name="institution" value={s.slug} />
          <div className="grid gap-2 sm:grid-cols-2">
            {weekdays.map((day, d) => {
              const h = editor.hours.find((x) => x.weekday === d);
              return (
                <fieldset key={d} className="flex items-end gap-2">
                  <legend className="font-medium">{day}</legend>
                  <TextField
                    id={`open_${d}`}
                    label={tk("opens")}
                    name={`open_${d}`}
                    type="time"
                    defaultValue={h?.open ?? ""}
                    className={inputField}
                  />
                  <TextField
                    id={`close_${d}`}
                    label={tk("closes")}
                    name={`close_${d}`}
                    type="time"
                    defaultValue={h?.close ?? ""}
                    className={inputField}
                  />
                </fieldset>
              );
            })}
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="departments" className="space-y-3">
        <h2 id="departments" className="text-xl font-semibold">
          {tk("departments")}
        </h2>
        {editor.departments.length === 0 ? (
          <p>{tk("noDepartments")}</p>
        ) : (
          <ul className="list-disc ps-5">
            {editor.departments.map((d) => (
              <li key={d.slug} data-department={d.slug}>
                <Link
                  href={`/admin/institutions/${s.slug}/departments/${d.slug}`}
                  className="text-brand-700 underline"
                >
                  {pickName(d.translations, locale, d.slug)}
                </Link>{" "}
                · {formatCny(d.consultationFeeFen, locale)} ·{" "}
                {tk("languagesWritten", { count: d.translations.length, total: locales.length })}
              </li>
            ))}
          </ul>
        )}
        <ActionForm action={addDepartmentAction} locale={locale} submitLabel={tk("addDepartment")}>
          <input type="hidden" name="institution" value={s.slug} />
          <div className="grid gap-4 sm:grid-cols-4">
            <div>
              <label htmlFor="specialty" className="block font-medium">
                {tk("specialty")}
              </label>
              <select id="specialty" name="specialty" className={inputField}>
                {specialties.map((sp) => (
                  <option key={sp} value={sp}>
                    {tcat(`specialty.${sp}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id="fee"
              label={tk("fee")}
              name="fee"
              type="number"
              min={0}
              max={100000}
              required
              className={inputField}
            />
            <TextField
              id="dept-nameEn"
              label={tk("nameEn")}
              name="nameEn"
              required
              lang="en"
              className={inputField}
            />
            <TextField
              id="dept-nameZh"
              label={tk("nameZh")}
              name="nameZh"
              required
              lang="zh"
              className={inputField}
            />
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="translations" className="space-y-3">
        <h2 id="translations" className="text-xl font-semibold">
          {tk("translations")}
        </h2>
        <p className="text-sm text-slate-700">{tk("translationsIntro")}</p>
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{tk("translations")}</caption>
          <TableHead
            columns={[
              { label: tk("language") },
              { label: tk("name") },
              { label: tk("address") },
              { label: tk("description") },
              { label: tk("edit"), hidden: true },
            ]}
          />
          <tbody>
            {editor.completeness.map((c) => (
              <tr key={c.locale} className="border-b border-slate-200" data-locale={c.locale}>
                <th scope="row" className="p-2 text-start font-medium">
                  {language.of(c.locale)}
                </th>
                {[c.name, c.address, c.description].map((ok, i) => (
                  <td key={i} className={`p-2 ${ok ? "text-emerald-800" : "text-red-800"}`}>
                    {ok ? tk("present") : tk("absent")}
                  </td>
                ))}
                <td className="p-2">
                  <Link
                    href={{
                      pathname: `/admin/institutions/${s.slug}/translations`,
                      query: { language: c.locale },
                    }}
                    className="text-brand-700 underline"
                  >
                    {tk("editLanguage", { language: language.of(c.locale) ?? c.locale })}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {!editor.hasManager && (
        <section aria-labelledby="manager" className="space-y-3">
          <h2 id="manager" className="text-xl font-semibold">
            {tk("manager")}
          </h2>
          <p className="text-slate-700">{tk("managerIntro")}</p>
          <ActionForm action={inviteFirstManagerAction} locale={locale} submitLabel={tk("invite")}>
            <input type="hidden" name="institution" value={s.slug} />
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField
                id="manager-name"
                label={tk("managerName")}
                name="name"
                required
                className={inputField}
              />
              <TextField
                id="manager-email"
                label={tk("managerEmail")}
                name="email"
                type="email"
                required
                className={inputField}
              />
              <div>
                <label htmlFor="manager-language" className="block font-medium">
                  {tk("managerLanguage")}
                </label>
                <select id="manager-language" name="language" defaultValue="zh" className={inputField}>
                  {locales.map((l) => (
                    <option key={l} value={l}>
                      {language.of(l)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </ActionForm>
        </section>
      )}

      <section aria-labelledby="criteria" className="space-y-3">
        <h2 id="criteria" className="text-xl font-semibold">
          {t("criteria")}
        </h2>
        <p className="max-w-3xl text-slate-700">{t("criteriaIntro")}</p>
        <ActionForm action={recordCriteriaAction} locale={locale} submitLabel={t("save")}>
          <input type="hidden" name="institution" value={s.slug} />
          <ul className="space-y-4">
            {s.criteria.map((c) => (
              <li key={c.criterion} className="rounded border border-slate-200 p-3">
                <div className="flex items-start gap-2">
                  <input
                    id={`met_${c.criterion}`}
                    name={`met_${c.criterion}`}
                    type="checkbox"
                    defaultChecked={c.met}
                    className="mt-1 size-4"
                  />
                  <label htmlFor={`met_${c.criterion}`} className="font-medium">
                    {tc(c.criterion)}
                  </label>
                </div>
                <label htmlFor={`evidence_${c.criterion}`} className="mt-2 block text-sm">
                  {t("evidence")}
                </label>
                <input
                  id={`evidence_${c.criterion}`}
                  name={`evidence_${c.criterion}`}
                  defaultValue={c.evidence}
                  maxLength={1000}
                  className="mt-1 block w-full rounded border border-slate-400 px-3 py-1.5"
                />
                {c.checkedAt && (
                  <p className="mt-1 text-xs text-slate-600">
                    {t("checked", { date: when.format(c.checkedAt), by: c.checkedBy ?? "—" })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </ActionForm>
      </section>

      <section aria-labelledby="listing" className="space-y-3">
        <h2 id="listing" className="text-xl font-semibold">
          {t("listing")}
        </h2>
        <p className="max-w-3xl text-slate-700">
          {allMet || s.listed ? t("listingIntro") : t("listingNeedsAll")}
        </p>
        <ActionForm
          action={setListingAction}
          locale={locale}
          submitLabel={s.listed ? t("delist") : t("list")}
          tone={s.listed ? "danger" : "primary"}
        >
          <input type="hidden" name="institution" value={s.slug} />
          <input type="hidden" name="decision" value={s.listed ? "delist" : "list"} />
        </ActionForm>
      </section>

      <section aria-labelledby="history" className="space-y-3">
        <h2 id="history" className="text-xl font-semibold">
          {t("history")}
        </h2>
        {s.history.length === 0 ? (
          <p>{t("noHistory")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {s.history.map((h, i) => (
              <li key={i}>
                {when.format(h.at)} · {t(`action.${h.action.replace("guide.", "") as "list"}`)} ·{" "}
                {h.by ?? "—"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
