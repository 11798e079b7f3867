import { getTranslations } from "next-intl/server";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { InstitutionFields } from "@/components/admin/institution-fields";
import {
  DepartmentsSection,
  HoursSection,
  ManagerSection,
  TranslationsSection,
} from "@/components/admin/institution-sections";
import { CriteriaSection, ListingSection, StandardHistory } from "@/components/admin/standard-sections";
import { SlugSection } from "@/components/admin/catalogue-editing";
import { Link } from "@/lib/i18n/navigation";
import { beijingFormat } from "@/components/ui/formats";
import { PageHeader } from "@/components/ui/page-header";
import { FormSection } from "@/components/ui/section";
import { getInstitutionEditor } from "@/lib/catalogue/manage-institution";
import { getDb } from "@/lib/db/client";
import { getInstitutionStandard } from "@/lib/guide/admission-standard";
import {
  addDepartmentAction,
  changeInstitutionSlugAction,
  inviteFirstManagerAction,
  recordCriteriaAction,
  setInstitutionHoursAction,
  setListingAction,
  updateInstitutionAction,
} from "../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ slug: string }>;

export const generateMetadata = staffTitle("Admin.standard");

export default async function StandardPage({ params }: Props) {
  const { locale, slug } = await openPage(params);
  const path = `/${locale}/admin/institutions/${slug}`;
  const scope = await adminPage("guide.manage", locale, path);
  const s = await getInstitutionStandard(getDb(), scope.actor, slug, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const editor = await getInstitutionEditor(getDb(), scope.actor, slug);
  const t = await getTranslations("Admin.standard");
  const tk = await getTranslations("Admin.catalogue");
  const when = beijingFormat(locale, "medium", "short");
  const base = { locale, institution: s.slug };
  return (
    <div className="space-y-8">
      <PageHeader back={{ href: `/admin/institutions?city=${s.citySlug}`, label: t("back") }} title={s.name}>
        <p lang="zh" className="text-slate-700">
          {s.nameZh}
        </p>
        <p className="mt-2" data-testid="listing-state">
          {s.listed
            ? t("listedSince", { date: s.listedAt ? when.format(s.listedAt) : "", by: s.listedBy ?? "—" })
            : t("notListed")}
        </p>
      </PageHeader>
      <FormSection
        id="details"
        title={tk("details")}
        action={updateInstitutionAction}
        locale={locale}
        submitLabel={tk("save")}
        hidden={{ institution: s.slug }}
      >
        <InstitutionFields values={editor} locale={locale} />
      </FormSection>
      <HoursSection {...base} action={setInstitutionHoursAction} hours={editor.hours} />
      <DepartmentsSection {...base} action={addDepartmentAction} departments={editor.departments} />
      <section id="packages" aria-labelledby="packages-title" className="space-y-2">
        <h2 id="packages-title" className="text-xl font-semibold">
          {tk("packages")}
        </h2>
        <Link href={`/admin/institutions/${s.slug}/packages`} className="text-brand-700 underline">
          {tk("managePackages")}
        </Link>
      </section>
      <SlugSection locale={locale} institution={s.slug} action={changeInstitutionSlugAction} />
      <TranslationsSection {...base} completeness={editor.completeness} />
      {!editor.hasManager && <ManagerSection {...base} action={inviteFirstManagerAction} />}
      <CriteriaSection {...base} action={recordCriteriaAction} criteria={s.criteria} />
      <ListingSection
        {...base}
        action={setListingAction}
        listed={s.listed}
        allMet={s.criteria.every((c) => c.met)}
      />
      <StandardHistory locale={locale} history={s.history} />
    </div>
  );
}
