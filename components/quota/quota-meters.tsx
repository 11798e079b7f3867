import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import { TableHead } from "@/components/ui/table";
import { Link } from "@/lib/i18n/navigation";
import type { QuotaMeter } from "@/lib/quota/institution-quota";
import { monthLabel, percentLabel } from "./month-label";

type Props = { meters: QuotaMeter[]; locale: string; exempt: boolean; canDeclare: boolean };

const tones = {
  ok: "border-slate-200",
  warning: "border-amber-400 bg-amber-50",
  critical: "border-red-500 bg-red-50",
};

/**
 * This month's and next month's special-service use against the cap (rule 3),
 * with the numbers the booking transaction checks, a warning at 80% and 95%,
 * and the use by department and package.
 */
export async function QuotaMeters({ meters, locale, exempt, canDeclare }: Props) {
  const t = await getTranslations("Staff.quota");
  const format = await getFormatter();
  if (exempt) return <p>{t("exempt")}</p>;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {meters.map(({ state, level, services }) => {
        const month = monthLabel(locale, state.month);
        const headingId = `meter-${state.month}`;
        if (state.declaredVolume === null)
          return (
            <section
              key={state.month}
              aria-labelledby={headingId}
              className="rounded border-2 border-red-500 bg-red-50 p-4"
            >
              <h3 id={headingId} className="font-semibold">
                {month}
              </h3>
              <p className="mt-2 font-semibold text-red-900">{t("noVolume", { month })}</p>
              <p className="mt-2">
                {canDeclare ? (
                  <Link href="/staff/quota" className="text-brand-700 underline">
                    {t("declareLink")}
                  </Link>
                ) : (
                  t("askManager")
                )}
              </p>
            </section>
          );
        const cap = state.cap ?? 0;
        const share = cap > 0 ? state.used / cap : 0;
        return (
          <section
            key={state.month}
            aria-labelledby={headingId}
            className={`rounded border-2 p-4 ${tones[level]}`}
          >
            <h3 id={headingId} className="font-semibold">
              {month}
            </h3>
            <meter
              className="mt-2 block h-4 w-full"
              min={0}
              max={Math.max(cap, 1)}
              low={cap * 0.8}
              high={cap * 0.95}
              optimum={0}
              value={Math.min(state.used, Math.max(cap, 1))}
              aria-label={t("meterLabel", { month })}
            />
            <p className="mt-1 font-medium">
              {t("used", {
                used: format.number(state.used),
                cap: format.number(cap),
                share: percentLabel(locale, share),
              })}
            </p>
            {level !== "ok" && (
              <p className={`mt-1 font-semibold ${level === "critical" ? "text-red-800" : "text-amber-900"}`}>
                {t(level, { share: percentLabel(locale, share) })}
              </p>
            )}
            <ul className="mt-2 space-y-0.5 text-sm text-slate-700">
              <li>
                {t("capLine", {
                  percent: format.number(state.percent),
                  volume: format.number(state.declaredVolume),
                  cap: format.number(cap),
                })}
              </li>
              <li>{t("published", { published: format.number(state.published) })}</li>
              <li>{t("remaining", { remaining: format.number(state.remaining) })}</li>
            </ul>
            {services.length === 0 ? (
              <p className="mt-3 text-sm">{t("noUse")}</p>
            ) : (
              <table className="mt-3 w-full border-collapse text-sm">
                <caption className="text-start font-medium">{t("byService")}</caption>
                <TableHead
                  cell="p-1"
                  columns={[
                    { label: t("service") },
                    { label: t("usedUnits"), end: true },
                    { label: t("publishedUnits"), end: true },
                  ]}
                />
                <tbody>
                  {services.map((s) => (
                    <tr key={`${s.kind}:${s.slug}`} className="border-b border-slate-200">
                      <th scope="row" className="p-1 text-start font-normal">
                        {s.name}
                      </th>
                      <td className="p-1 text-end tabular-nums">{format.number(s.used)}</td>
                      <td className="p-1 text-end tabular-nums">{format.number(s.published)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** The meters under their heading, as the console's home and quota pages show them. */
export async function QuotaMetersSection({
  id,
  quota,
  locale,
  after,
}: {
  id: string;
  quota: { meters: QuotaMeter[]; exempt: boolean; canDeclare: boolean };
  locale: string;
  after?: ReactNode;
}) {
  const t = await getTranslations("Staff.quota");
  return (
    <Section id={id} title={t("meters")}>
      <QuotaMeters
        meters={quota.meters}
        locale={locale}
        exempt={quota.exempt}
        canDeclare={quota.canDeclare}
      />
      {after}
    </Section>
  );
}
