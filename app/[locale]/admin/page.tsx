import { getTranslations } from "next-intl/server";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { CityPicker } from "@/components/admin/city-picker";
import { TranslationCompletenessTable } from "@/components/admin/translations";
import { CityOverviewPanels } from "@/components/console/city-overview";
import { can } from "@/lib/auth/permissions";
import { cityOverview } from "@/lib/catalogue/city-overview";
import { getDb } from "@/lib/db/client";
import { translationCompleteness } from "@/lib/translation/translation-completeness";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.home");

// The health commission's home: the city at a glance, each panel linking to where it is managed.
export default async function AdminHomePage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const path = `/${locale}/admin`;
  const scope = await adminPage("admin.view", locale, path);
  const city = (await searchParams).city;
  const citySlug = typeof city === "string" && city !== "" ? city : undefined;
  const [overview, completeness] = await Promise.all([
    cityOverview(getDb(), scope.actor, citySlug, locale),
    translationCompleteness(getDb(), scope.actor, citySlug, locale),
  ]).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Admin.home");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("overviewIntro", { city: overview.city.name })}</p>
        <CityPicker cities={overview.city.cities} current={overview.city.slug} />
      </div>
      <CityOverviewPanels
        overview={overview}
        locale={locale}
        canManageRates={can(scope.actor, "rates.manage")}
      />
      <TranslationCompletenessTable completeness={completeness} locale={locale} />
    </div>
  );
}
