import { getTranslations } from "next-intl/server";
import { PackageFields, RetireSection } from "@/components/admin/catalogue-editing";
import { ActionForm } from "@/components/staff/action-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { getPackageEditor } from "@/lib/catalogue/manage-package";
import { getDb } from "@/lib/db/client";
import { retirePackageAction, updatePackageAction } from "../../../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ slug: string; package: string }>;

export const generateMetadata = staffTitle("Admin.catalogue");

export default async function PackagePage({ params }: Props) {
  const { locale, slug, package: pkg } = await openPage(params);
  const path = `/${locale}/admin/institutions/${slug}/packages/${pkg}`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const p = await getPackageEditor(getDb(), scope.actor, slug, pkg).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.packages");
  const hidden = { institution: slug, package: pkg };
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        back={{ href: `/admin/institutions/${slug}/packages`, label: t("title") }}
        title={p.texts.en?.name ?? pkg}
      >
        {p.retired && (
          <Notice tone="warning" className="mt-2 p-3">
            {t("retiredNotice")}
          </Notice>
        )}
      </PageHeader>
      <ActionForm action={updatePackageAction} locale={locale} submitLabel={t("save")} hidden={hidden}>
        <PackageFields values={p} isNew={false} />
      </ActionForm>
      <RetireSection
        action={retirePackageAction}
        locale={locale}
        hidden={hidden}
        retired={p.retired}
        kind="package"
      />
    </div>
  );
}
