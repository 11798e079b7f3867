import { getTranslations } from "next-intl/server";
import { CityPicker } from "@/components/admin/city-picker";
import { ActionForm } from "@/components/staff/action-form";
import { TableHead } from "@/components/staff/table-head";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { getGuideWorkspace } from "@/lib/guide/guide-authoring";
import { REQUIRED_GUIDE_LOCALES } from "@/lib/guide/codes";
import { locales } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { publishGuideAction, republishGuideAction } from "../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.guide");

export default async function GuideWorkspacePage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const path = `/${locale}/admin/guide`;
  const scope = await adminPage("guide.manage", locale, path);
  const city = (await searchParams).city;
  const w = await getGuideWorkspace(
    getDb(),
    scope.actor,
    typeof city === "string" ? city : undefined,
    locale,
  ).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Admin.guide");
  const ts = await getTranslations("Admin.section");
  const language = new Intl.DisplayNames([locale], { type: "language" });
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  });
  const required = new Set<string>(REQUIRED_GUIDE_LOCALES);
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
      <CityPicker cities={w.city.cities} current={w.city.slug} />

      <section aria-labelledby="completeness" className="space-y-3">
        <h2 id="completeness" className="text-xl font-semibold">
          {t("completeness")}
        </h2>
        <p className="text-sm text-slate-700">{t("completenessIntro")}</p>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("completeness")}</caption>
            <TableHead
              cell="p-1"
              columns={[{ label: t("section") }, ...locales.map((l) => ({ label: language.of(l) ?? l }))]}
            />
            <tbody>
              {w.completeness.map((row) => (
                <tr key={row.key} className="border-b border-slate-200">
                  <th scope="row" className="p-1 text-start font-medium">
                    {ts(row.key)}
                  </th>
                  {locales.map((l) => {
                    const done = row.locales[l];
                    return (
                      <td key={l} className="p-1">
                        <Link
                          href={{
                            pathname: "/admin/guide/edit",
                            query: { city: w.city.slug, section: row.key, language: l },
                          }}
                          className={`inline-block rounded px-2 py-0.5 underline ${done ? "bg-emerald-50 text-emerald-900" : required.has(l) ? "bg-red-50 text-red-900" : "text-slate-600"}`}
                          aria-label={t("editCell", { section: ts(row.key), language: language.of(l) ?? l })}
                        >
                          {done ? t("written") : t("missing")}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="publish" className="space-y-3">
        <h2 id="publish" className="text-xl font-semibold">
          {t("publish")}
        </h2>
        {w.hasDraft && (
          <Link
            href={{ pathname: "/admin/guide/preview", query: { city: w.city.slug } }}
            className="text-brand-700 underline"
          >
            {t("preview")}
          </Link>
        )}
        {w.missingRequired.length > 0 && (
          <p className="text-red-900">{t("requiredMissing", { count: w.missingRequired.length })}</p>
        )}
        {w.hasDraft && (
          <ActionForm action={publishGuideAction} locale={locale} submitLabel={t("publishSubmit")}>
            <input type="hidden" name="city" value={w.city.slug} />
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="versions" className="space-y-3">
        <h2 id="versions" className="text-xl font-semibold">
          {t("versions")}
        </h2>
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
                  <ActionForm
                    action={republishGuideAction}
                    locale={locale}
                    tone="quiet"
                    submitLabel={t("republish", { version: v.version })}
                  >
                    <input type="hidden" name="city" value={w.city.slug} />
                    <input type="hidden" name="version" value={v.version} />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
