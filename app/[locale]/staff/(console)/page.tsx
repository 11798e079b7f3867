import { getTranslations } from "next-intl/server";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { consoleSummary } from "@/lib/booking/console-summary";
import { institutionQuota } from "@/lib/quota/institution-quota";
import { QuotaMeters } from "@/components/quota/quota-meters";
import { currentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { redirect } from "next/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.home");

export default async function ConsoleHomePage({ params }: Props) {
  const { locale } = await openPage(params);
  // Health-commission admins sign in through the same page; their console is /admin.
  const actor = await currentActor();
  if (!can(actor, "console.view") && can(actor, "admin.view")) redirect(`/${locale}/admin`);
  const scope = await staffPage("console.view", locale, `/${locale}/staff`);
  const [summary, quota] = await Promise.all([
    consoleSummary(getDb(), scope.actor, locale),
    institutionQuota(getDb(), scope.actor, locale),
  ]);
  const tq = await getTranslations("Staff.quota");
  const t = await getTranslations("Staff.home");
  const ts = await getTranslations("Staff.status");
  const tr = await getTranslations("Staff.role");
  const statuses = [
    "PENDING_CONFIRMATION",
    "CONFIRMED",
    "CHECKED_IN",
    "COMPLETED",
    "NO_SHOW",
    "CANCELLED",
  ] as const;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-brand-800">{summary.institution}</h1>
        <p className="mt-1 text-slate-700" lang="zh">
          {summary.institutionZh}
        </p>
        <p className="mt-1 text-slate-700">{tr(summary.role)}</p>
      </div>
      <section aria-labelledby="today">
        <h2 id="today" className="text-xl font-semibold">
          {t("today")}
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {statuses.map((s) => (
            <div key={s} className="rounded border border-slate-200 p-3">
              <dt className="text-sm text-slate-600">{ts(s)}</dt>
              <dd className="text-2xl font-bold">{summary.todayByStatus[s] ?? 0}</dd>
            </div>
          ))}
        </dl>
        <Link
          href={`/staff/bookings?date=${summary.today}`}
          className="mt-3 inline-block text-brand-700 underline"
        >
          {t("openDay")}
        </Link>
      </section>
      <section aria-labelledby="quota" className="space-y-3">
        <h2 id="quota" className="text-xl font-semibold">
          {tq("meters")}
        </h2>
        <QuotaMeters
          meters={quota.meters}
          locale={locale}
          exempt={quota.exempt}
          canDeclare={quota.canDeclare}
        />
        <Link href="/staff/quota" className="inline-block text-brand-700 underline">
          {tq("openQuota")}
        </Link>
      </section>
      <section aria-labelledby="requests">
        <h2 id="requests" className="text-xl font-semibold">
          {t("requests")}
        </h2>
        <ul className="mt-3 space-y-1">
          <li>{t("pendingConfirmations", { count: summary.pendingConfirmations })}</li>
          <li>{t("interpreterRequests", { count: summary.interpreterRequests })}</li>
          <li>{t("visaLetterRequests", { count: summary.visaLetterRequests })}</li>
        </ul>
      </section>
    </div>
  );
}
