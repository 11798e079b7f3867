import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import { listPublishedGuides } from "@/lib/guide/get-published-guide";
import { localeAlternates } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { LocalizedText } from "@/components/ui/localized-text";

type Props = PageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Guide" });
  return { title: t("indexTitle"), alternates: localeAlternates(locale, "/guide") };
}

export default async function GuideIndexPage({ params }: Props) {
  const { locale } = await openPage(params);
  const t = await getTranslations("Guide");
  const cities = await listPublishedGuides(await catalogueDb(), locale);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">{t("indexTitle")}</h1>
      <p className="max-w-3xl text-lg text-slate-700">{t("indexIntro")}</p>
      {cities.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {cities.map((c) => (
            <li key={c.slug}>
              <Link
                href={`/guide/${c.slug}`}
                className="block rounded border border-slate-200 p-4 text-lg font-semibold text-brand-700 hover:bg-brand-50"
              >
                <LocalizedText value={c.name} locale={c.nameLocale} />
                <span lang="zh" className="ms-2 text-base font-normal text-slate-600">
                  {c.nameZh}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
