import { getTranslations } from "next-intl/server";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { getSchedule } from "@/lib/schedule/get-schedule";
import {
  addScheduleClosureAction,
  addScheduleRuleAction,
  publishScheduleAction,
  removeScheduleClosureAction,
  removeScheduleRuleAction,
} from "../../../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { ScheduleClosures, SchedulePublish, ScheduleRules } from "@/components/staff/schedule-editor";
import { beijingFormat } from "@/components/ui/formats";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ id: string }>;

export const generateMetadata = staffTitle("Staff.schedule");

export default async function SchedulePage({ params }: Props) {
  const { locale, id } = await openPage(params);
  const path = `/${locale}/staff/schedules/${id}`;
  const scope = await staffPage("schedule.manage", locale, path);
  const s = await getSchedule(getDb(), scope.actor, id, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Staff.schedule");
  const date = beijingFormat(locale, "medium");
  const base = { locale, scheduleId: s.id };
  return (
    <div className="space-y-8">
      <PageHeader
        back={{ href: "/staff/schedules", label: t("back") }}
        title={t("heading", { name: s.name })}
      >
        <p className="mt-1 text-slate-700">
          {s.publishedUntil
            ? t("published", {
                date: date.format(s.publishedUntil),
                slots: s.futureSlots,
                booked: s.futureBooked,
              })
            : t("notPublished")}{" "}
          {t("timezone")}
        </p>
      </PageHeader>
      {s.managedBy ? (
        <Notice role="note">
          {t("managed")}{" "}
          <span className="block font-medium">{t("managedBy", { client: s.managedBy.name })}</span>
        </Notice>
      ) : (
        <>
          <ScheduleRules
            {...base}
            rules={s.rules}
            addAction={addScheduleRuleAction}
            removeAction={removeScheduleRuleAction}
          />
          <ScheduleClosures
            {...base}
            closures={s.closures}
            addAction={addScheduleClosureAction}
            removeAction={removeScheduleClosureAction}
          />
          <SchedulePublish {...base} action={publishScheduleAction} />
        </>
      )}
    </div>
  );
}
