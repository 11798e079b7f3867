import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { NotTakingBookings } from "@/components/catalogue/not-taking-bookings";
import { LocalizedText } from "@/components/ui/localized-text";
import { conditions, therapies } from "@/lib/catalogue/codes";
import { formatCny, languageName } from "@/lib/catalogue/format";
import { getPackage } from "@/lib/catalogue/get-package";
import { jsonForScript, packageJsonLd } from "@/lib/catalogue/json-ld";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import { AppError } from "@/lib/errors";
import { localeAlternates, localeUrl } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ slug: string }>;

const load = cache(async (slug: string, locale: string) => {
  try {
    return await getPackage(await catalogueDb(), slug, locale);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  const p = await load(slug, locale);
  return {
    title: p.name,
    description: p.description,
    alternates: localeAlternates(locale, `/packages/${p.slug}`),
  };
}

export default async function PackagePage({ params }: Props) {
  const { locale, slug } = await openPage(params);
  const p = await load(slug, locale);
  const t = await getTranslations("Packages");
  const th = await getTranslations("Hospital");
  const tc = await getTranslations("Catalogue");
  const tb = await getTranslations("Booking");
  const label = <T extends string>(list: readonly T[], value: string, render: (v: T) => string) =>
    (list as readonly string[]).includes(value) ? render(value as T) : value;

  const jsonLd = packageJsonLd(
    p,
    {
      page: localeUrl(locale, `/packages/${p.slug}`),
      institution: localeUrl(locale, `/hospitals/${p.institution.slug}`),
    },
    locale,
  );

  return (
    <article className="max-w-3xl space-y-6">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />
      <header>
        <h1 className="text-3xl font-bold text-brand-800" lang={p.locale} dir="auto">
          {p.name}
        </h1>
        <p className="mt-2 text-slate-700">
          <Link href={`/hospitals/${p.institution.slug}`} className="text-brand-700 underline">
            <LocalizedText value={p.institution.name} locale={p.institution.nameLocale} />
          </Link>{" "}
          · <LocalizedText value={p.institution.city.name} locale={p.institution.city.nameLocale} />
        </p>
        {p.isFallback && (
          <p role="note" className="mt-3 rounded border border-slate-300 bg-slate-50 p-2 text-sm">
            {th("fallbackNotice", { language: languageName(p.locale, locale) })}
          </p>
        )}
        {p.outdated && (
          <p role="note" className="mt-3 rounded border border-slate-300 bg-slate-50 p-2 text-sm">
            {th("outdatedNotice")}
          </p>
        )}
        <p className="mt-4 text-lg" lang={p.locale} dir="auto">
          {p.description}
        </p>
      </header>

      <dl className="grid gap-4 rounded-lg border border-slate-200 p-4 text-center sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-600">{t("sessions")}</dt>
          <dd className="text-2xl font-semibold">{t("sessionsCount", { count: p.sessions })}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("days")}</dt>
          <dd className="text-2xl font-semibold">{t("daysCount", { count: p.durationDays })}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("price")}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{formatCny(p.priceFen, locale)}</dd>
        </div>
      </dl>
      <p className="text-sm text-slate-600">{t("priceNote")}</p>
      {p.takesOnlineBookings ? (
        <Link
          href={{ pathname: `/book/${p.institution.slug}`, query: { package: p.slug } }}
          className="inline-block rounded bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
        >
          {tb("bookPackage")}
        </Link>
      ) : (
        <NotTakingBookings phone={p.institution.phone} />
      )}

      <section>
        <h2 className="text-xl font-semibold">{t("conditions")}</h2>
        <p className="mt-1">
          {p.conditions.map((c) => label(conditions, c, (v) => tc(`condition.${v}`))).join(", ")}
        </p>
        <h2 className="mt-4 text-xl font-semibold">{t("therapies")}</h2>
        <p className="mt-1">
          {p.therapies.map((c) => label(therapies, c, (v) => tc(`therapy.${v}`))).join(", ")}
        </p>
      </section>
      <section>
        <h2 className="text-xl font-semibold">{t("treatmentPlan")}</h2>
        <p className="mt-1" lang={p.locale} dir="auto">
          {p.treatmentPlan}
        </p>
      </section>
      <section>
        <h2 className="text-xl font-semibold">{t("expectedOutcome")}</h2>
        <p className="mt-1" lang={p.locale} dir="auto">
          {p.expectedOutcome}
        </p>
      </section>
      <section className="rounded-lg border-s-4 border-amber-500 bg-amber-50 p-4">
        <h2 className="text-xl font-semibold">{t("contraindications")}</h2>
        <p className="mt-1" lang={p.locale} dir="auto">
          {p.contraindications}
        </p>
      </section>
      <section>
        <h2 className="text-xl font-semibold">{t("where")}</h2>
        <LocalizedText as="p" className="mt-1" value={p.institution.name} locale={p.institution.nameLocale} />
        <p lang="zh" dir="ltr">
          {p.institution.nameZh} · {p.institution.addressZh}
        </p>
        <p dir="ltr" className="text-start">
          <a href={`tel:${p.institution.phone.replace(/\s/g, "")}`} className="text-brand-700 underline">
            {p.institution.phone}
          </a>
        </p>
      </section>
    </article>
  );
}
