import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { InstitutionFields } from "@/components/admin/institution-fields";
import { ActionForm } from "@/components/staff/action-form";
import { TextField } from "@/components/staff/text-field";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { adminCity } from "@/lib/auth/admin-city";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { createInstitutionAction } from "../../actions";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = staffTitle("Admin.catalogue");

export default async function NewInstitutionPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
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
  const field = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  return (
    <div className="max-w-4xl space-y-6">
      <Link
        href={{ pathname: "/admin/institutions", query: { city: city.slug } }}
        className="text-brand-700 underline"
      >
        {t("back")}
      </Link>
      <h1 className="text-3xl font-bold text-brand-800">{t("newTitle", { city: city.name })}</h1>
      <p className="text-slate-700">{t("newIntro")}</p>
      <ActionForm action={createInstitutionAction} locale={locale} submitLabel={t("create")}>
        <input type="hidden" name="city" value={city.slug} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="slug"
            label={t("slug")}
            name="slug"
            required
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            hint={t("slugHint")}
            className={field}
          />
          <TextField id="nameEn" label={t("nameEn")} name="nameEn" required lang="en" className={field} />
          <TextField
            id="addressEn"
            label={t("addressEn")}
            name="addressEn"
            required
            lang="en"
            className={field}
          />
        </div>
        <InstitutionFields locale={locale} />
      </ActionForm>
    </div>
  );
}
