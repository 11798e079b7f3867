import { getTranslations } from "next-intl/server";
import { GuideView } from "@/components/guide/guide-view";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { previewGuide } from "@/lib/guide/guide-authoring";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.guide");

export default async function GuidePreviewPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const city = typeof sp.city === "string" ? sp.city : undefined;
  const path = `/${locale}/admin/guide/preview`;
  const scope = await adminPage("guide.manage", locale, path);
  const guide = await previewGuide(getDb(), scope.actor, city, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.guide");
  return (
    <GuideView
      guide={guide}
      locale={locale}
      bilingual={sp.view === "bilingual" && locale !== "zh"}
      path="/admin/guide/preview"
      query={{ city: guide.city.slug }}
      banner={
        <p
          role="status"
          className="rounded border-2 border-amber-400 bg-amber-50 p-3 font-semibold print:hidden"
        >
          {t("previewBanner")}{" "}
          <Link
            href={{ pathname: "/admin/guide", query: { city: guide.city.slug } }}
            className="text-brand-700 underline"
          >
            {t("backToWorkspace")}
          </Link>
        </p>
      }
    />
  );
}
