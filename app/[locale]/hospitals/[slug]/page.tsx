import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import {
  HospitalAddress,
  HospitalBilling,
  HospitalDepartments,
  HospitalFacts,
  HospitalPackages,
} from "@/components/catalogue/hospital-sections";
import { NotTakingBookings } from "@/components/catalogue/not-taking-bookings";
import { HoursList } from "@/components/finder/hours-list";
import { languageName } from "@/lib/catalogue/format";
import { getInstitution } from "@/lib/catalogue/get-institution";
import { hospitalJsonLd, jsonForScript } from "@/lib/catalogue/json-ld";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import { AppError } from "@/lib/errors";
import { localeAlternates, localeUrl } from "@/lib/i18n/alternates";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { queryString, redirectRenamedInstitution } from "@/app/[locale]/_catalogue/renamed-institution";
import { LocalizedText } from "@/components/ui/localized-text";

type Props = PageProps<{ slug: string }>;

// `query` is the page's query string (a string, so that cache() shares one call per request).
const load = cache(async (slug: string, locale: string, query: string) => {
  try {
    return await getInstitution(await catalogueDb(), slug, locale);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      // A renamed institution's old slug: 308 to its current one.
      await redirectRenamedInstitution(slug, (current) => `/${locale}/hospitals/${current}`, query);
      notFound();
    }
    throw error;
  }
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  const d = await load(slug, locale, queryString(await searchParams));
  return {
    title: d.name,
    description: d.description ?? undefined,
    alternates: localeAlternates(locale, `/hospitals/${d.slug}`),
  };
}

export default async function HospitalPage({ params, searchParams }: Props) {
  const { locale, slug } = await openPage(params);
  const d = await load(slug, locale, queryString(await searchParams));
  const t = await getTranslations("Hospital");
  const tc = await getTranslations("Catalogue");
  const tf = await getTranslations("Finder.card");
  const tzh = await getTranslations({ locale: "zh", namespace: "Hospital" });
  const url = localeUrl(locale, `/hospitals/${d.slug}`);

  return (
    <article className="space-y-8">
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: jsonForScript(hospitalJsonLd(d, url)) }}
      />
      <header>
        <h1 className="text-3xl font-bold text-brand-800" lang={d.nameLocale} dir="auto">
          {d.name}
        </h1>
        {d.name !== d.nameZh && (
          <p lang="zh" dir="ltr" className="mt-1 text-xl text-slate-700">
            {d.nameZh}
          </p>
        )}
        <p className="mt-2 text-slate-700">
          <LocalizedText value={d.city.name} locale={d.city.nameLocale} /> · {tc(`ownership.${d.ownership}`)}{" "}
          · {tc(`grade.${d.grade}`)}
        </p>
        {d.fallbackLocales.length > 0 && (
          <p role="note" className="mt-3 rounded border border-slate-300 bg-slate-50 p-2 text-sm">
            {t("fallbackNotice", {
              language: d.fallbackLocales.map((l) => languageName(l, locale)).join(", "),
            })}
          </p>
        )}
        {d.outdated && (
          <p role="note" className="mt-3 rounded border border-slate-300 bg-slate-50 p-2 text-sm">
            {t("outdatedNotice")}
          </p>
        )}
        {d.description && (
          <p className="mt-4 max-w-3xl text-lg" lang={d.descriptionLocale ?? undefined} dir="auto">
            {d.description}
          </p>
        )}
      </header>

      {!d.takesOnlineBookings && <NotTakingBookings phone={d.phone} />}

      <details className="rounded-lg border-2 border-brand-700 bg-brand-50 p-4" open={false}>
        <summary className="cursor-pointer text-lg font-semibold text-brand-800">{t("showStaff")}</summary>
        <div className="mt-4 space-y-3" data-testid="show-staff">
          <p lang="zh" dir="ltr" className="text-4xl font-bold leading-tight">
            {d.nameZh}
          </p>
          <p lang="zh" dir="ltr" className="text-2xl">
            {d.addressZh}
          </p>
          <p lang="zh" dir="ltr" className="text-2xl">
            {tzh("showStaffRequest")}
          </p>
          <hr className="border-brand-700" />
          <LocalizedText as="p" className="text-lg" value={d.name} locale={d.nameLocale} />
          {d.address && (
            <LocalizedText as="p" className="text-lg" value={d.address} locale={d.addressLocale ?? "en"} />
          )}
          <p className="text-lg">{t("showStaffRequest")}</p>
          <p className="text-2xl font-semibold" dir="ltr">
            <a href={`tel:${d.phone.replace(/\s/g, "")}`}>{d.phone}</a>
          </p>
        </div>
      </details>

      <div className="grid gap-8 md:grid-cols-2">
        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading" className="text-xl font-semibold">
            {d.intlDeptName ? (
              <LocalizedText value={d.intlDeptName} locale={d.intlDeptNameLocale ?? locale} />
            ) : (
              t("contact")
            )}
          </h2>
          <dl className="mt-3 space-y-2">
            <div>
              <dt className="font-medium">{t("phone")}</dt>
              <dd dir="ltr" className="text-start">
                <a className="text-brand-700 underline" href={`tel:${d.phone.replace(/\s/g, "")}`}>
                  {d.phone}
                </a>
              </dd>
            </div>
            {d.email && (
              <div>
                <dt className="font-medium">{t("email")}</dt>
                <dd>
                  <a className="text-brand-700 underline" href={`mailto:${d.email}`}>
                    {d.email}
                  </a>
                </dd>
              </div>
            )}
            {d.website && (
              <div>
                <dt className="font-medium">{t("website")}</dt>
                <dd>
                  <a className="text-brand-700 underline" href={d.website} rel="noopener noreferrer">
                    {d.website}
                  </a>
                </dd>
              </div>
            )}
            <div>
              <dt className="font-medium">
                {t("hours")}{" "}
                <span
                  className={`ms-2 rounded px-2 py-0.5 text-xs font-semibold ${d.openNow ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800"}`}
                >
                  {d.openNow ? tf("openNow") : tf("closedNow")}
                </span>
              </dt>
              <dd>{d.hours.length ? <HoursList hours={d.hours} /> : tf("noHours")}</dd>
            </div>
            <div>
              <dd className={d.emergency24h ? "font-medium text-red-800" : "text-slate-700"}>
                {d.emergency24h ? t("emergencyYes") : t("emergencyNo")}
              </dd>
            </div>
          </dl>
        </section>

        <HospitalFacts d={d} locale={locale} />
      </div>
      <HospitalDepartments d={d} locale={locale} />
      <HospitalPackages d={d} locale={locale} />
      <HospitalBilling d={d} />
      <HospitalAddress d={d} />
    </article>
  );
}
