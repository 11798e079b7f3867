import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { GuideView } from "@/components/guide/guide-view";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import { AppError } from "@/lib/errors";
import { getPublishedGuide, type PublishedGuide } from "@/lib/guide/get-published-guide";
import { localeAlternates } from "@/lib/i18n/alternates";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ city: string }>;

async function load(city: string, locale: string): Promise<PublishedGuide> {
  try {
    return await getPublishedGuide(await catalogueDb(), city, locale);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, city } = await params;
  const guide = await load(city, locale);
  const t = await getTranslations({ locale, namespace: "Guide" });
  return {
    title: t("title", { city: guide.city.name }),
    alternates: localeAlternates(locale, `/guide/${city}`),
  };
}

export default async function GuidePage({ params, searchParams }: Props) {
  const { locale, city } = await openPage(params);
  const bilingual = (await searchParams).view === "bilingual" && locale !== "zh";
  const guide = await load(city, locale);
  const pdf = `/api/v1/guides/${city}/pdf?${new URLSearchParams({ locale, ...(bilingual ? { view: "bilingual" } : {}) })}`;
  return (
    <GuideView guide={guide} locale={locale} bilingual={bilingual} path={`/guide/${city}`} pdfHref={pdf} />
  );
}
