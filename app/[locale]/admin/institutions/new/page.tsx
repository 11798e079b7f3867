import { getTranslations } from "next-intl/server";
import { InstitutionFields } from "@/components/admin/institution-fields";
import { ActionForm } from "@/components/staff/action-form";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { adminCity } from "@/lib/auth/admin-city";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { createInstitutionAction } from "../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.catalogue");

export default async function NewInstitutionPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const path = `/${locale}/admin/institutions/new`;
  const scope = await adminPage("catalogue.manage", locale, path);
  const sp = await searchParams;
  const city = await adminCity(
    getDb(),
    scope,
    typeof sp.city === "string" ? sp.city : undefined,
    locale,
  ).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Admin.catalogue");
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        back={{ href: { pathname: "/admin/institutions", query: { city: city.slug } }, label: t("back") }}
        title={t("newTitle", { city: city.name })}
      >
        <p className="mt-2 text-slate-700">{t("newIntro")}</p>
      </PageHeader>
      <ActionForm
        action={createInstitutionAction}
        locale={locale}
        submitLabel={t("create")}
        hidden={{ city: city.slug }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="slug"
            name="slug"
            label={t("slug")}
            hint={t("slugHint")}
            required
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
          />
          <Field id="nameEn" name="nameEn" label={t("nameEn")} required lang="en" />
          <Field id="addressEn" name="addressEn" label={t("addressEn")} required lang="en" />
        </div>
        <InstitutionFields locale={locale} />
      </ActionForm>
    </div>
  );
}
