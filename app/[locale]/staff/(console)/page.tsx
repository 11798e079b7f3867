import { getTranslations } from "next-intl/server";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { consoleSummary } from "@/lib/booking/console-summary";
import { institutionQuota } from "@/lib/quota/institution-quota";
import { QuotaMetersSection } from "@/components/quota/quota-meters";
import { BOOKING_STATUSES } from "@/components/staff/booking-status";
import { Section } from "@/components/ui/section";
import { AttentionList } from "@/components/console/attention-list";
import { currentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { redirect } from "next/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

const HEADLINES = {
  guarantee: "guaranteeRequests",
  confirmation: "pendingConfirmations",
  interpreter: "interpreterRequests",
  visaLetter: "visaLetterRequests",
} as const;

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
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-brand-800">{summary.institution}</h1>
        <p className="mt-1 text-slate-700" lang="zh">
          {summary.institutionZh}
        </p>
        <p className="mt-1 text-slate-700">{tr(summary.role)}</p>
      </div>
      <Section id="today" title={t("today")} className="">
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {BOOKING_STATUSES.map((s) => (
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
      </Section>
      <QuotaMetersSection
        id="quota"
        quota={quota}
        locale={locale}
        after={
          <Link href="/staff/quota" className="inline-block text-brand-700 underline">
            {tq("openQuota")}
          </Link>
        }
      />
      <Section id="requests" title={t("requests")} className="">
        <AttentionList
          attention={summary.attention}
          locale={locale}
          headline={(a) => t(HEADLINES[a.kind], { count: a.count })}
          dayList={(day) => t("dayList", { day })}
        />
      </Section>
    </div>
  );
}
