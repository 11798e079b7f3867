import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { getStaffBooking } from "@/lib/booking/get-staff-booking";
import { calendarDateOf, isoDate } from "@/lib/time/zone";
import {
  acknowledgeInterpreterAction,
  changeBookingStatusAction,
  decideGuaranteeAction,
  issueVisaLetterAction,
} from "../../../actions";
import {
  BookingActions,
  BookingDetails,
  BookingHistory,
  BookingRequests,
} from "@/components/staff/booking-detail";
import { beijingFormat } from "@/components/ui/formats";
import { PageHeader } from "@/components/ui/page-header";
import { guaranteeDecisions } from "@/lib/payment/guarantee-decisions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps<{ reference: string }>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { reference } = await params;
  return { title: reference };
}

export default async function StaffBookingPage({ params }: Props) {
  const { locale, reference } = await openPage(params);
  const path = `/${locale}/staff/bookings/${reference}`;
  const scope = await staffPage("booking.read", locale, path);
  const b = await getStaffBooking(getDb(), scope.actor, reference, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Staff.booking");
  const ts = await getTranslations("Staff.status");
  const visitDay = isoDate(calendarDateOf(b.startsAt));
  return (
    <div className="space-y-8">
      <PageHeader
        back={{ href: `/staff/bookings?date=${visitDay}`, label: t("backToDay") }}
        title={
          <>
            <span className="font-mono">{b.reference}</span> · {b.patient.name}
          </>
        }
      >
        <p className="mt-1 text-lg">
          {t("statusLine", { status: ts(b.status) })} ·{" "}
          {beijingFormat(locale, "full", "short").format(b.startsAt)} · {b.service}
        </p>
      </PageHeader>
      <BookingDetails b={b} locale={locale} />
      <BookingActions
        b={b}
        locale={locale}
        decisions={guaranteeDecisions({ status: b.status, guarantee: b.guarantee })}
        decideAction={decideGuaranteeAction}
        changeAction={changeBookingStatusAction}
      />
      <BookingRequests
        b={b}
        locale={locale}
        visitDay={visitDay}
        acknowledgeAction={acknowledgeInterpreterAction}
        issueLetterAction={issueVisaLetterAction}
      />
      <BookingHistory b={b} locale={locale} />
    </div>
  );
}
