import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/guide/print-button";
import { SectionBody } from "@/components/guide/section-body";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getPublishedGuide, type PublishedGuide } from "@/lib/guide/get-published-guide";
import { localeAlternates } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";

type Props = {
  params: Promise<{ locale: Locale; city: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load(city: string, locale: string): Promise<PublishedGuide> {
  try {
    return await getPublishedGuide(getDb(), city, locale);
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
  const { locale, city } = await params;
  setRequestLocale(locale);
  const bilingual = (await searchParams).view === "bilingual" && locale !== "zh";
  const guide = await load(city, locale);
  const t = await getTranslations("Guide");
  const language = new Intl.DisplayNames([locale], { type: "language" });
  const published = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Asia/Shanghai" }).format(
    guide.publishedAt,
  );
  const institutions = (
    <ul className="mt-3 space-y-3">
      {guide.institutions.map((i) => (
        <li key={i.slug} className="rounded border border-slate-200 p-3 break-inside-avoid">
          <Link href={`/hospitals/${i.slug}`} className="font-semibold text-brand-700 underline">
            {i.name}
          </Link>
          <p lang="zh" className="text-slate-800">
            {i.nameZh} · {i.addressZh}
          </p>
          <p>
            {t("phone")}{" "}
            <a href={`tel:${i.phone.replace(/\s/g, "")}`} dir="ltr" className="text-brand-700 underline">
              {i.phone}
            </a>
          </p>
        </li>
      ))}
    </ul>
  );

  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-800">{t("title", { city: guide.city.name })}</h1>
        <p className="text-slate-700">{t("publishedOn", { date: published, version: guide.version })}</p>
        <nav aria-label={t("viewLabel")} className="flex flex-wrap items-center gap-3 print:hidden">
          {locale !== "zh" &&
            (bilingual ? (
              <Link href={`/guide/${city}`} className="text-brand-700 underline">
                {t("viewStandard")}
              </Link>
            ) : (
              <Link
                href={{ pathname: `/guide/${city}`, query: { view: "bilingual" } }}
                className="text-brand-700 underline"
              >
                {t("viewBilingual")}
              </Link>
            ))}
          <PrintButton label={t("print")} />
        </nav>
      </header>

      {guide.sections.map((s) => (
        <section
          key={s.key}
          aria-labelledby={`section-${s.key}`}
          data-section={s.key}
          className="space-y-3 border-t border-slate-200 pt-4 break-inside-avoid-page"
        >
          <div className={bilingual ? "grid gap-6 md:grid-cols-2" : ""}>
            <div lang={s.locale}>
              <h2 id={`section-${s.key}`} className="text-2xl font-semibold" dir="auto">
                {s.title}
              </h2>
              {s.isFallback && (
                <p
                  className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900"
                  data-testid="fallback"
                >
                  {t("fallback", {
                    language: language.of(locale) ?? locale,
                    shown: language.of(s.locale) ?? s.locale,
                  })}
                </p>
              )}
              <div className="mt-2">
                <SectionBody text={s.body} lang={s.locale} />
              </div>
            </div>
            {bilingual && s.zh && (
              <div
                lang="zh"
                dir="ltr"
                className="border-s border-slate-200 ps-6"
                data-testid="chinese-column"
              >
                <h3 className="text-2xl font-semibold">{s.zh.title}</h3>
                <div className="mt-2">
                  <SectionBody text={s.zh.body} lang="zh" />
                </div>
              </div>
            )}
          </div>
          {s.key === "INSTITUTIONS" && institutions}
          {s.key === "EMERGENCIES" && (
            <p className="text-lg font-semibold">
              {t("emergencyNumbers", {
                ambulance: guide.city.emergency.ambulance,
                police: guide.city.emergency.police,
                fire: guide.city.emergency.fire,
              })}
            </p>
          )}
        </section>
      ))}
    </article>
  );
}
