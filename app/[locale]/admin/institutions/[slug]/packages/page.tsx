import { getTranslations } from "next-intl/server";
import { PackagesTable } from "@/components/admin/catalogue-editing";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { getInstitutionEditor } from "@/lib/catalogue/manage-institution";
import { listInstitutionPackages } from "@/lib/catalogue/manage-package";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ slug: string }>;

export const generateMetadata = staffTitle("Admin.catalogue");

/** An institution's TCM packages for the health commission: retired ones marked, a link to add one. */
export default async function PackagesPage({ params }: Props) {
  const { locale, slug } = await openPage(params);
  const path = `/${locale}/admin/institutions/${slug}/packages`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const [editor, packages] = await Promise.all([
    getInstitutionEditor(getDb(), scope.actor, slug),
    listInstitutionPackages(getDb(), scope.actor, slug),
  ]).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Admin.packages");
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader back={{ href: `/admin/institutions/${slug}`, label: editor.nameZh }} title={t("title")}>
        <p className="mt-2 text-slate-700">{t("intro")}</p>
      </PageHeader>
      <p>
        <Link href={`/admin/institutions/${slug}/packages/new`} className="text-brand-700 underline">
          {t("add")}
        </Link>
      </p>
      <PackagesTable locale={locale} institution={slug} packages={packages} />
    </div>
  );
}
