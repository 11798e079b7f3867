import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { GuideView } from "@/components/guide/guide-view";
import { PreviewLanguagePicker } from "@/components/guide/preview-language-picker";
import { languageNames } from "@/components/ui/formats";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { previewGuide, previewGuideSchema } from "@/lib/guide/guide-authoring";
import { localeMeta } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.guide");

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** The draft as a reader of the chosen language (the admin's own by default) would see it, fallback notes included. */
export default async function GuidePreviewPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const path = `/${locale}/admin/guide/preview`;
  const scope = await adminPage("guide.manage", locale, path);
  const query = previewGuideSchema.safeParse({ city: one(sp.city), language: one(sp.language) ?? locale });
  if (!query.success) notFound();
  const guide = await previewGuide(getDb(), scope.actor, query.data).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const language = query.data.language;
  const t = await getTranslations("Admin.guide");
  return (
    <div className="space-y-6">
      <p
        role="status"
        className="rounded border-2 border-amber-400 bg-amber-50 p-3 font-semibold print:hidden"
      >
        {t("previewBanner")}{" "}
        {t("previewShownIn", { language: languageNames(locale).of(language) ?? language })}{" "}
        <Link
          href={{ pathname: "/admin/guide", query: { city: guide.city.slug } }}
          className="text-brand-700 underline"
        >
          {t("backToWorkspace")}
        </Link>
      </p>
      <PreviewLanguagePicker locale={locale} city={guide.city.slug} language={language} />
      <div lang={language} dir={localeMeta[language].dir} data-testid="guide-preview">
        <GuideView
          guide={guide}
          locale={language}
          bilingual={sp.view === "bilingual" && language !== "zh"}
          path="/admin/guide/preview"
          query={{ city: guide.city.slug, language }}
        />
      </div>
    </div>
  );
}
