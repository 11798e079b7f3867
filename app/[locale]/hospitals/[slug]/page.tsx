import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { HoursList } from "@/components/finder/hours-list";
import { formatCny, languageName } from "@/lib/catalogue/format";
import { getInstitution, mapLinks } from "@/lib/catalogue/get-institution";
import { hospitalJsonLd, jsonForScript } from "@/lib/catalogue/json-ld";
import { getDb } from "@/lib/db/client";
import { publicBaseUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { localeAlternates } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";

type Props = { params: Promise<{ locale: Locale; slug: string }> };

const load = cache(async (slug: string, locale: string) => {
  try {
    return await getInstitution(getDb(), slug, locale);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  const d = await load(slug, locale);
  return {
    title: d.name,
    description: d.description ?? undefined,
    alternates: localeAlternates(locale, `/hospitals/${d.slug}`),
  };
}

export default async function HospitalPage({ params }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const d = await load(slug, locale);
  const t = await getTranslations("Hospital");
  const tc = await getTranslations("Catalogue");
  const tp = await getTranslations("Packages");
  const tf = await getTranslations("Finder.card");
  const tb = await getTranslations("Booking");
  const tzh = await getTranslations({ locale: "zh", namespace: "Hospital" });
  const url = `${publicBaseUrl()}/${locale}/hospitals/${d.slug}`;

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
          {d.city.name} · {tc(`ownership.${d.ownership}`)} · {tc(`grade.${d.grade}`)}
        </p>
        {d.fallbackLocales.length > 0 && (
          <p role="note" className="mt-3 rounded border border-slate-300 bg-slate-50 p-2 text-sm">
            {t("fallbackNotice", {
              language: d.fallbackLocales.map((l) => languageName(l, locale)).join(", "),
            })}
          </p>
        )}
        {d.description && (
          <p className="mt-4 max-w-3xl text-lg" lang={d.descriptionLocale ?? undefined} dir="auto">
            {d.description}
          </p>
        )}
      </header>

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
          <p className="text-lg" dir="auto">
            {d.name}
          </p>
          {d.address && (
            <p className="text-lg" dir="auto">
              {d.address}
            </p>
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
            {d.intlDeptName ?? t("contact")}
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

        <section aria-labelledby="facts-heading">
          <h2 id="facts-heading" className="text-xl font-semibold">
            {t("facts")}
          </h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
            <dt className="font-medium">{t("grade")}</dt>
            <dd>{tc(`grade.${d.grade}`)}</dd>
            <dt className="font-medium">{t("ownership")}</dt>
            <dd>{tc(`ownership.${d.ownership}`)}</dd>
            <dt className="font-medium">{t("accreditations")}</dt>
            <dd>{d.accreditations.length ? d.accreditations.join(", ") : t("none")}</dd>
            <dt className="font-medium">{t("languages")}</dt>
            <dd>{d.languages.map((l) => languageName(l, locale)).join(", ")}</dd>
            <dt className="font-medium">{t("services")}</dt>
            <dd>
              {d.services.length ? (
                <ul className="list-disc ps-5">
                  {d.services.map((s) => (
                    <li key={s}>{tc(`service.${s}`)}</li>
                  ))}
                </ul>
              ) : (
                t("noServices")
              )}
            </dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="departments-heading">
        <h2 id="departments-heading" className="text-xl font-semibold">
          {t("departments")}
        </h2>
        {d.departments.length === 0 ? (
          <p className="mt-2">{t("noDepartments")}</p>
        ) : (
          <table className="mt-3 w-full max-w-2xl text-start">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 text-start">
                  {t("department")}
                </th>
                <th scope="col" className="py-2 text-end">
                  {t("fee")}
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">{tb("bookDepartment")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.departments.map((dep) => (
                <tr key={dep.slug} className="border-b border-slate-100">
                  <td className="py-2" lang={dep.nameLocale} dir="auto">
                    {dep.name}
                  </td>
                  <td className="py-2 text-end tabular-nums">{formatCny(dep.feeFen, locale)}</td>
                  <td className="py-2 text-end">
                    <Link
                      href={{ pathname: `/book/${d.slug}`, query: { department: dep.slug } }}
                      className="rounded bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-800"
                    >
                      {tb("bookDepartment")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {d.packages.length > 0 && (
        <section aria-labelledby="packages-heading">
          <h2 id="packages-heading" className="text-xl font-semibold">
            {t("packages")}
          </h2>
          <ul className="mt-3 space-y-2">
            {d.packages.map((p) => (
              <li key={p.slug}>
                <Link
                  href={`/packages/${p.slug}`}
                  className="font-medium text-brand-700 underline"
                  lang={p.nameLocale}
                >
                  {p.name}
                </Link>{" "}
                <span className="text-slate-700">
                  · {tp("sessionsCount", { count: p.sessions })} ·{" "}
                  {tp("daysCount", { count: p.durationDays })} · {formatCny(p.priceFen, locale)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="billing-heading">
        <h2 id="billing-heading" className="text-xl font-semibold">
          {t("billing")}
        </h2>
        {d.billing.length === 0 ? (
          <p className="mt-2">{t("noBilling")}</p>
        ) : (
          <>
            <p className="mt-2 text-slate-700">{t("billingIntro")}</p>
            <table className="mt-3 w-full max-w-3xl">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 text-start">
                    {t("insurer")}
                  </th>
                  <th scope="col" className="py-2 text-start">
                    {t("scope")}
                  </th>
                  <th scope="col" className="py-2 text-start">
                    {t("preauth")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.billing.flatMap((b) =>
                  b.scopes.map((s, i) => (
                    <tr key={`${b.insurer.slug}-${s.scope}`} className="border-b border-slate-100">
                      <td className="py-2 font-medium">{i === 0 ? b.insurer.name : ""}</td>
                      <td className="py-2">{tc(`scope.${s.scope}`)}</td>
                      <td className="py-2">{t("preauthDays", { days: s.preauthLeadDays })}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="address-heading">
        <h2 id="address-heading" className="text-xl font-semibold">
          {t("address")}
        </h2>
        {d.address && (
          <p className="mt-2" lang={d.addressLocale ?? undefined} dir="auto">
            {d.address}
          </p>
        )}
        <p className="mt-1" lang="zh" dir="ltr">
          {d.addressZh}
        </p>
        <h3 className="mt-4 font-medium">{t("maps")}</h3>
        <ul className="mt-2 flex flex-wrap gap-3">
          {mapLinks(d).map((m) => (
            <li key={m.id}>
              <a
                href={m.href}
                rel="noopener noreferrer"
                className="inline-block rounded border border-slate-300 px-3 py-1.5 text-brand-700 hover:bg-brand-50"
              >
                {m.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
