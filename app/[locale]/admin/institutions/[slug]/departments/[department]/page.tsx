import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/staff/action-form";
import { TextField } from "@/components/staff/text-field";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getInstitutionEditor } from "@/lib/catalogue/manage-institution";
import { getDb } from "@/lib/db/client";
import { localeMeta, locales } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { updateDepartmentAction } from "../../../../actions";

type Props = { params: Promise<{ locale: Locale; slug: string; department: string }> };

export const generateMetadata = staffTitle("Admin.catalogue");

export default async function DepartmentPage({ params }: Props) {
  const { locale, slug, department } = await params;
  setRequestLocale(locale);
  const path = `/${locale}/admin/institutions/${slug}/departments/${department}`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const editor = await getInstitutionEditor(getDb(), scope.actor, slug).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const d = editor.departments.find((x) => x.slug === department);
  if (!d) notFound();
  const t = await getTranslations("Admin.catalogue");
  const tc = await getTranslations("Catalogue");
  const language = new Intl.DisplayNames([locale], { type: "language" });
  const field = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  return (
    <div className="max-w-3xl space-y-6">
      <Link href={`/admin/institutions/${slug}`} className="text-brand-700 underline">
        {editor.nameZh}
      </Link>
      <h1 className="text-3xl font-bold text-brand-800">{tc(`specialty.${d.specialty as "cardiology"}`)}</h1>
      <p className="text-slate-700">{t("departmentIntro")}</p>
      <ActionForm action={updateDepartmentAction} locale={locale} submitLabel={t("saveDepartment")}>
        <input type="hidden" name="institution" value={slug} />
        <input type="hidden" name="department" value={department} />
        <TextField
          id="fee"
          label={t("fee")}
          name="fee"
          type="number"
          min={0}
          max={100000}
          required
          defaultValue={d.consultationFeeFen / 100}
          className={field}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          {locales.map((l) => (
            <TextField
              key={l}
              id={`name_${l}`}
              label={t("departmentName", { language: language.of(l) ?? l })}
              name={`name_${l}`}
              required={l === "en" || l === "zh"}
              lang={l}
              dir={localeMeta[l].dir}
              defaultValue={d.translations.find((x) => x.locale === l)?.name ?? ""}
              className={field}
            />
          ))}
        </div>
      </ActionForm>
    </div>
  );
}
