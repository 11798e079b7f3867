// The TCM packages' comparison (app/[locale]/packages): a real table from `md`
// up, one card (a definition list) per package below, so nothing is cut off or
// scrolls sideways on a phone. Every number carries its unit ("7 days",
// "10 sessions", ICU plurals), and the price, formatted by Intl in the page's
// locale, sits in its own cell inside <bdi>: its currency sign can never run
// into the number beside it, in either direction (issue 16).
import { getTranslations } from "next-intl/server";
import { Table } from "@/components/ui/table";
import { NotTakingBookingsLine } from "./not-taking-bookings";
import { conditions } from "@/lib/catalogue/codes";
import { formatCny } from "@/lib/catalogue/format";
import type { PackageCard } from "@/lib/catalogue/search-packages";
import { Link } from "@/lib/i18n/navigation";
import { LocalizedText, languageAttributes } from "@/components/ui/localized-text";

type Props = { items: PackageCard[]; locale: string; caption: string };

export async function PackageComparison({ items, locale, caption }: Props) {
  const t = await getTranslations("Packages");
  const tc = await getTranslations("Catalogue");
  const conditionNames = (p: PackageCard) =>
    p.conditions
      .map((c) =>
        (conditions as readonly string[]).includes(c)
          ? tc(`condition.${c as (typeof conditions)[number]}`)
          : c,
      )
      .join(", ");
  const name = (p: PackageCard) => (
    <Link
      href={`/packages/${p.slug}`}
      className="font-medium text-brand-700 underline"
      {...languageAttributes(p.nameLocale, locale)}
    >
      {p.name}
    </Link>
  );
  const price = (p: PackageCard) => <bdi>{formatCny(p.priceFen, locale)}</bdi>;
  const number = "px-3 py-3 text-end tabular-nums whitespace-nowrap";

  return (
    <div className="mt-4">
      <div className="hidden md:block" data-testid="package-table">
        <Table
          caption={caption}
          className="w-full border-collapse text-sm"
          cell="px-3 py-2 text-sm font-semibold"
          columns={[
            { label: t("package") },
            { label: t("institution") },
            { label: t("sessions"), end: true },
            { label: t("days"), end: true },
            { label: t("price"), end: true },
          ]}
        >
          {items.map((p) => (
            <tr key={p.slug} className="border-b border-slate-200 align-top">
              <td className="py-3 pe-3">
                {name(p)}
                <p className="mt-1 text-sm text-slate-600">{conditionNames(p)}</p>
              </td>
              <td className="px-3 py-3 text-sm">
                <LocalizedText value={p.institution.name} locale={p.institution.nameLocale} />
                <LocalizedText
                  value={p.city.name}
                  locale={p.city.nameLocale}
                  className="block text-slate-600"
                />
                {!p.takesOnlineBookings && <NotTakingBookingsLine />}
              </td>
              <td className={number} data-column="sessions">
                {t("sessionsCount", { count: p.sessions })}
              </td>
              <td className={number} data-column="days">
                {t("daysCount", { count: p.durationDays })}
              </td>
              <td className={`${number} font-semibold`} data-column="price">
                {price(p)}
              </td>
            </tr>
          ))}
        </Table>
      </div>

      <ul className="space-y-3 md:hidden" aria-label={caption} data-testid="package-cards">
        {items.map((p) => (
          <li key={p.slug} className="rounded-lg border border-slate-200 p-4">
            <h3 className="text-base">{name(p)}</h3>
            <p className="mt-1 text-sm text-slate-600">{conditionNames(p)}</p>
            {!p.takesOnlineBookings && <NotTakingBookingsLine />}
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="font-medium">{t("institution")}</dt>
              <dd className="min-w-0 break-words">
                <LocalizedText value={p.institution.name} locale={p.institution.nameLocale} />
                <LocalizedText
                  value={p.city.name}
                  locale={p.city.nameLocale}
                  className="block text-slate-600"
                />
              </dd>
              <dt className="font-medium">{t("sessions")}</dt>
              <dd data-column="sessions">{t("sessionsCount", { count: p.sessions })}</dd>
              <dt className="font-medium">{t("days")}</dt>
              <dd data-column="days">{t("daysCount", { count: p.durationDays })}</dd>
              <dt className="font-medium">{t("price")}</dt>
              <dd data-column="price" className="font-semibold tabular-nums">
                {price(p)}
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
