import { getTranslations } from "next-intl/server";
import { CityPicker } from "@/components/admin/city-picker";
import { beijingFormat, languageNames } from "@/components/ui/formats";
import { Section } from "@/components/ui/section";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button-class";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { getGuideWorkspace } from "@/lib/guide/guide-authoring";
import { REQUIRED_GUIDE_LOCALES } from "@/lib/guide/codes";
import { locales } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.guide");

export default async function GuideWorkspacePage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const path = `/${locale}/admin/guide`;
  const scope = await adminPage("guide.manage", locale, path);
  const sp = await searchParams;
  const city = sp.city;
  const w = await getGuideWorkspace(
    getDb(),
    scope.actor,
    typeof city === "string" ? city : undefined,
    locale,
  ).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Admin.guide");
  const ts = await getTranslations("Admin.section");
  const language = languageNames(locale);
  const when = beijingFormat(locale, "medium", "short");
  const required = new Set<string>(REQUIRED_GUIDE_LOCALES);
  const cityQuery = { city: w.city.slug };
  // The confirmation step sends the admin back here with the version it published.
  const justPublished =
    typeof sp.published === "string" && w.published && String(w.published.version) === sp.published;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-brand-800">{t("title", { city: w.city.name })}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
        <p className="mt-2">
          {w.published
            ? t("publishedState", {
                version: w.published.version,
                date: when.format(w.published.publishedAt!),
              })
            : t("nothingPublished")}{" "}
          {w.hasDraft ? t("draftState") : t("noDraft")}
        </p>
      </div>
      {justPublished && (
        <Notice tone="good" className="p-3">
          {t("publishedNotice", { version: w.published!.version })}
        </Notice>
      )}
      <CityPicker cities={w.city.cities} current={w.city.slug} />

      <Section id="completeness" title={t("completeness")} intro={t("completenessIntro")}>
        <Table
          scroll
          caption={t("completeness")}
          cell="p-1"
          columns={[{ label: t("section") }, ...locales.map((l) => ({ label: language.of(l) ?? l }))]}
        >
          {w.completeness.map((row) => (
            <Row key={row.key}>
              <RowHeader className="p-1 text-start font-medium">{ts(row.key)}</RowHeader>
              {locales.map((l) => {
                const done = row.locales[l];
                return (
                  <Cell key={l} className="p-1">
                    <Link
                      href={{
                        pathname: "/admin/guide/edit",
                        query: { ...cityQuery, section: row.key, language: l },
                      }}
                      className={`inline-block rounded px-2 py-0.5 underline ${done ? "bg-emerald-50 text-emerald-900" : required.has(l) ? "bg-red-50 text-red-900" : "text-slate-600"}`}
                      aria-label={t("editCell", { section: ts(row.key), language: language.of(l) ?? l })}
                    >
                      {done ? t("written") : t("missing")}
                    </Link>
                  </Cell>
                );
              })}
            </Row>
          ))}
        </Table>
      </Section>

      <Section id="publish" title={t("publish")}>
        {w.hasDraft && (
          <Link
            href={{ pathname: "/admin/guide/preview", query: cityQuery }}
            className="text-brand-700 underline"
          >
            {t("preview")}
          </Link>
        )}
        {w.missingRequired.length > 0 && (
          <p className="text-red-900">{t("requiredMissing", { count: w.missingRequired.length })}</p>
        )}
        {w.hasDraft && (
          <p>
            <Link
              href={{ pathname: "/admin/guide/publish", query: cityQuery }}
              className={buttonClass("primary")}
            >
              {t("publishSubmit")}
            </Link>
          </p>
        )}
      </Section>

      <Section id="versions" title={t("versions")}>
        {w.versions.length === 0 ? (
          <p>{t("nothingPublished")}</p>
        ) : (
          <ul className="space-y-2">
            {w.versions.map((v) => (
              <li key={v.version} className="flex flex-wrap items-center gap-3">
                <span>
                  {t("versionLine", {
                    version: v.version,
                    status: t(`status.${v.status as "PUBLISHED"}`),
                    date: v.publishedAt ? when.format(v.publishedAt) : "",
                    by: v.publishedBy ?? "—",
                  })}
                </span>
                {v.status === "ARCHIVED" && (
                  <Link
                    href={{ pathname: "/admin/guide/publish", query: { ...cityQuery, from: v.version } }}
                    className={buttonClass("quiet")}
                  >
                    {t("republish", { version: v.version })}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
