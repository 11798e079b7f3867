import { getTranslations } from "next-intl/server";
import { PackageFields } from "@/components/admin/catalogue-editing";
import { ActionForm } from "@/components/staff/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { getInstitutionEditor } from "@/lib/catalogue/manage-institution";
import { getDb } from "@/lib/db/client";
import { createPackageAction } from "../../../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ slug: string }>;

export const generateMetadata = staffTitle("Admin.catalogue");

export default async function NewPackagePage({ params }: Props) {
  const { locale, slug } = await openPage(params);
  const path = `/${locale}/admin/institutions/${slug}/packages/new`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const editor = await getInstitutionEditor(getDb(), scope.actor, slug).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.packages");
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        back={{ href: `/admin/institutions/${slug}/packages`, label: t("title") }}
        title={t("newTitle")}
      >
        <p className="mt-2 text-slate-700" lang="zh">
          {editor.nameZh}
        </p>
      </PageHeader>
      <ActionForm
        action={createPackageAction}
        locale={locale}
        submitLabel={t("create")}
        hidden={{ institution: slug }}
      >
        <PackageFields isNew />
      </ActionForm>
    </div>
  );
}
