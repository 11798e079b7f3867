import { getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/guide/print-button";
import { SectionBody } from "@/components/guide/section-body";
import type { PublishedSection, GuideInstitution } from "@/lib/guide/get-published-guide";
import type { Locale } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";
import { LocalizedText } from "@/components/ui/localized-text";

interface GuideData {
  city: { name: string; emergency: { ambulance: string; police: string; fire: string } };
  version: number;
  publishedAt: Date | null;
  sections: PublishedSection[];
  institutions: GuideInstitution[];
}

type Props = {
  guide: GuideData;
  /** The reader's language: the page's, or the one the commission previews in (its words are in it too). */
  locale: Locale;
  bilingual: boolean;
  /** The page's own path (public guide or the commission's preview), for the view switch. */
  path: string;
  query?: Record<string, string>;
  /** The PDF download of this guide (the public page only). */
  pdfHref?: string;
};

/**
 * A guide as readers see it: used by the public page and, unchanged, by the
 * commission's preview, which may show it in another language than its own.
 */
export async function GuideView({ guide, locale, bilingual, path, query = {}, pdfHref }: Props) {
  const t = await getTranslations({ locale, namespace: "Guide" });
  const language = new Intl.DisplayNames([locale], { type: "language" });
  const published = guide.publishedAt
    ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Asia/Shanghai" }).format(
        guide.publishedAt,
      )
    : null;
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-800">{t("title", { city: guide.city.name })}</h1>
        {published && (
          <p className="text-slate-700">{t("publishedOn", { date: published, version: guide.version })}</p>
        )}
        <nav aria-label={t("viewLabel")} className="flex flex-wrap items-center gap-3 print:hidden">
          {locale !== "zh" &&
            (bilingual ? (
              <Link href={{ pathname: path, query }} className="text-brand-700 underline">
                {t("viewStandard")}
              </Link>
            ) : (
              <Link
                href={{ pathname: path, query: { ...query, view: "bilingual" } }}
                className="text-brand-700 underline"
              >
                {t("viewBilingual")}
              </Link>
            ))}
          <PrintButton label={t("print")} />
          {pdfHref && (
            <a href={pdfHref} className="text-brand-700 underline" download>
              {t("pdf")}
            </a>
          )}
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
          {s.key === "INSTITUTIONS" && (
            <ul className="mt-3 space-y-3" data-testid="guide-institutions">
              {guide.institutions.map((i) => (
                <li key={i.slug} className="rounded border border-slate-200 p-3 break-inside-avoid">
                  <Link href={`/hospitals/${i.slug}`} className="font-semibold text-brand-700 underline">
                    <LocalizedText value={i.name} locale={i.nameLocale} />
                  </Link>
                  <p lang="zh" className="text-slate-800">
                    {i.nameZh} · {i.addressZh}
                  </p>
                  <p>
                    {t("phone")}{" "}
                    <a
                      href={`tel:${i.phone.replace(/\s/g, "")}`}
                      dir="ltr"
                      className="text-brand-700 underline"
                    >
                      {i.phone}
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          )}
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
