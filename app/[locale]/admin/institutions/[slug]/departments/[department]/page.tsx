import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/staff/action-form";
import { Field } from "@/components/ui/field";
import { languageNames } from "@/components/ui/formats";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getInstitutionEditor } from "@/lib/catalogue/manage-institution";
import { getDb } from "@/lib/db/client";
import { localeMeta, locales } from "@/lib/i18n/locales";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { removeDepartmentAction, retireDepartmentAction, updateDepartmentAction } from "../../../../actions";
import { RemoveDepartmentSection, RetireSection } from "@/components/admin/catalogue-editing";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ slug: string; department: string }>;

export const generateMetadata = staffTitle("Admin.catalogue");

export default async function DepartmentPage({ params }: Props) {
  const { locale, slug, department } = await openPage(params);
  const path = `/${locale}/admin/institutions/${slug}/departments/${department}`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const editor = await getInstitutionEditor(getDb(), scope.actor, slug).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const d = editor.departments.find((x) => x.slug === department);
  if (!d) notFound();
  const t = await getTranslations("Admin.catalogue");
  const tc = await getTranslations("Catalogue");
  const language = languageNames(locale);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        back={{ href: `/admin/institutions/${slug}`, label: editor.nameZh }}
        title={tc(`specialty.${d.specialty as "cardiology"}`)}
      >
        <p className="mt-2 text-slate-700">{t("departmentIntro")}</p>
      </PageHeader>
      <ActionForm
        action={updateDepartmentAction}
        locale={locale}
        submitLabel={t("saveDepartment")}
        hidden={{ institution: slug, department }}
      >
        <Field
          id="fee"
          name="fee"
          label={t("fee")}
          type="number"
          min={0}
          max={100000}
          required
          defaultValue={d.consultationFeeFen / 100}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          {locales.map((l) => (
            <Field
              key={l}
              id={`name_${l}`}
              label={t("departmentName", { language: language.of(l) ?? l })}
              name={`name_${l}`}
              required={l === "en" || l === "zh"}
              lang={l}
              dir={localeMeta[l].dir}
              defaultValue={d.translations.find((x) => x.locale === l)?.name ?? ""}
            />
          ))}
        </div>
      </ActionForm>
      <RetireSection
        action={retireDepartmentAction}
        locale={locale}
        hidden={{ institution: slug, department }}
        retired={Boolean(d.retiredAt)}
        kind="department"
      />
      {d._count.bookings === 0 && (
        <RemoveDepartmentSection
          action={removeDepartmentAction}
          locale={locale}
          institution={slug}
          department={department}
        />
      )}
    </div>
  );
}
