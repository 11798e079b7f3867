import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { adminPage, pageError } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { getInstitutionStandard } from "@/lib/guide/admission-standard";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/lib/staff/page-title";
import { recordCriteriaAction, setListingAction } from "../../actions";

type Props = { params: Promise<{ locale: Locale; slug: string }> };

export const generateMetadata = staffTitle("Admin.standard");

export default async function StandardPage({ params }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const path = `/${locale}/admin/institutions/${slug}`;
  const scope = await adminPage("guide.manage", locale, path);
  const s = await getInstitutionStandard(getDb(), scope.actor, slug, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.standard");
  const tc = await getTranslations("Admin.criterion");
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  });
  const allMet = s.criteria.every((c) => c.met);
  return (
    <div className="space-y-8">
      <div>
        <Link href={`/admin/institutions?city=${s.citySlug}`} className="text-brand-700 underline">
          {t("back")}
        </Link>
        <h1 className="mt-2 text-3xl font-bold text-brand-800">{s.name}</h1>
        <p lang="zh" className="text-slate-700">
          {s.nameZh}
        </p>
        <p className="mt-2" data-testid="listing-state">
          {s.listed
            ? t("listedSince", { date: s.listedAt ? when.format(s.listedAt) : "", by: s.listedBy ?? "—" })
            : t("notListed")}
        </p>
      </div>

      <section aria-labelledby="criteria" className="space-y-3">
        <h2 id="criteria" className="text-xl font-semibold">
          {t("criteria")}
        </h2>
        <p className="max-w-3xl text-slate-700">{t("criteriaIntro")}</p>
        <ActionForm action={recordCriteriaAction} locale={locale} submitLabel={t("save")}>
          <input type="hidden" name="institution" value={s.slug} />
          <ul className="space-y-4">
            {s.criteria.map((c) => (
              <li key={c.criterion} className="rounded border border-slate-200 p-3">
                <div className="flex items-start gap-2">
                  <input
                    id={`met_${c.criterion}`}
                    name={`met_${c.criterion}`}
                    type="checkbox"
                    defaultChecked={c.met}
                    className="mt-1 size-4"
                  />
                  <label htmlFor={`met_${c.criterion}`} className="font-medium">
                    {tc(c.criterion)}
                  </label>
                </div>
                <label htmlFor={`evidence_${c.criterion}`} className="mt-2 block text-sm">
                  {t("evidence")}
                </label>
                <input
                  id={`evidence_${c.criterion}`}
                  name={`evidence_${c.criterion}`}
                  defaultValue={c.evidence}
                  maxLength={1000}
                  className="mt-1 block w-full rounded border border-slate-400 px-3 py-1.5"
                />
                {c.checkedAt && (
                  <p className="mt-1 text-xs text-slate-600">
                    {t("checked", { date: when.format(c.checkedAt), by: c.checkedBy ?? "—" })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </ActionForm>
      </section>

      <section aria-labelledby="listing" className="space-y-3">
        <h2 id="listing" className="text-xl font-semibold">
          {t("listing")}
        </h2>
        <p className="max-w-3xl text-slate-700">
          {allMet || s.listed ? t("listingIntro") : t("listingNeedsAll")}
        </p>
        <ActionForm
          action={setListingAction}
          locale={locale}
          submitLabel={s.listed ? t("delist") : t("list")}
          tone={s.listed ? "danger" : "primary"}
        >
          <input type="hidden" name="institution" value={s.slug} />
          <input type="hidden" name="decision" value={s.listed ? "delist" : "list"} />
        </ActionForm>
      </section>

      <section aria-labelledby="history" className="space-y-3">
        <h2 id="history" className="text-xl font-semibold">
          {t("history")}
        </h2>
        {s.history.length === 0 ? (
          <p>{t("noHistory")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {s.history.map((h, i) => (
              <li key={i}>
                {when.format(h.at)} · {t(`action.${h.action.replace("guide.", "") as "list"}`)} ·{" "}
                {h.by ?? "—"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
