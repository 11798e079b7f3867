import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { pageError, staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { getStaffBooking } from "@/lib/booking/get-staff-booking";
import { calendarDateOf, isoDate } from "@/lib/time/zone";
import {
  acknowledgeInterpreterAction,
  changeBookingStatusAction,
  decideGuaranteeAction,
  issueVisaLetterAction,
} from "../../../actions";
import { TextField } from "@/components/staff/text-field";

type AuditKey = Parameters<Awaited<ReturnType<typeof getTranslations<"Staff.auditAction">>>>[0];

type Props = { params: Promise<{ locale: Locale; reference: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { reference } = await params;
  return { title: reference };
}

export default async function StaffBookingPage({ params }: Props) {
  const { locale, reference } = await params;
  setRequestLocale(locale);
  const path = `/${locale}/staff/bookings/${reference}`;
  const scope = await staffPage("booking.read", locale, path);
  const b = await getStaffBooking(getDb(), scope.actor, reference, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Staff.booking");
  const ts = await getTranslations("Staff.status");
  const tg = await getTranslations("Staff.guarantee");
  const tf = await getTranslations("Staff.field");
  const ta = await getTranslations("Staff.transition");
  const tr = await getTranslations("Staff.role");
  const tau = await getTranslations("Staff.auditAction");
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  });
  const short = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  });
  const languages = new Intl.DisplayNames([locale], { type: "language" });
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  const visitDay = isoDate(calendarDateOf(b.startsAt));
  const row = (label: string, value: string | null) => (
    <div className="grid grid-cols-1 gap-1 border-b border-slate-100 py-2 sm:grid-cols-3">
      <dt className="font-medium">{label}</dt>
      <dd className="sm:col-span-2">{value ?? "—"}</dd>
    </div>
  );
  const field = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";

  return (
    <div className="space-y-8">
      <div>
        <Link href={`/staff/bookings?date=${visitDay}`} className="text-brand-700 underline">
          {t("backToDay")}
        </Link>
        <h1 className="mt-2 text-3xl font-bold text-brand-800">
          <span className="font-mono">{b.reference}</span> · {b.patient.name}
        </h1>
        <p className="mt-1 text-lg">
          {t("statusLine", { status: ts(b.status) })} · {when.format(b.startsAt)} · {b.service}
        </p>
      </div>

      <section aria-labelledby="details">
        <h2 id="details" className="text-xl font-semibold">
          {t("details")}
        </h2>
        <dl className="mt-2">
          {row(tf("nationality"), regions.of(b.patient.nationality) ?? b.patient.nationality)}
          {row(tf("dateOfBirth"), b.patient.dateOfBirth)}
          {row(tf("language"), languages.of(b.patient.preferredLanguage) ?? b.patient.preferredLanguage)}
          {row(tf("emailLanguage"), languages.of(b.patient.locale) ?? b.patient.locale)}
          {row(tf("email"), b.patient.email)}
          {row(tf("phone"), b.patient.phone)}
          {row(
            tf("passport"),
            b.patient.passportLast4 ? t("passportLast4", { last4: b.patient.passportLast4 }) : null,
          )}
          {row(tf("reasonForVisit"), b.reasonForVisit)}
          {row(
            tf("payment"),
            b.paymentMethod === "DIRECT_BILLING"
              ? t("directBilling", { insurer: b.insurer ?? "" })
              : t("selfPay"),
          )}
          {b.paymentMethod === "DIRECT_BILLING" && row(tf("policyNumber"), b.policyNumber)}
          {b.paymentMethod === "DIRECT_BILLING" && row(tf("memberName"), b.memberName)}
          {b.guarantee &&
            row(tf("guarantee"), `${tg(b.guarantee)}${b.guaranteeReason ? ` · ${b.guaranteeReason}` : ""}`)}
          {b.cancelReason && row(tf("reason"), b.cancelReason)}
        </dl>
      </section>

      <section aria-labelledby="actions" className="space-y-4">
        <h2 id="actions" className="text-xl font-semibold">
          {t("actions")}
        </h2>
        {b.guarantee === "PENDING" && b.status === "PENDING_CONFIRMATION" && (
          <div className="space-y-3 rounded border border-amber-400 bg-amber-50 p-4">
            <h3 className="font-semibold">{tg("decideTitle", { insurer: b.insurer ?? "" })}</h3>
            <p className="text-sm">{tg("decideIntro")}</p>
            <div className="flex flex-wrap items-start gap-4">
              <ActionForm action={decideGuaranteeAction} locale={locale} submitLabel={tg("approve")}>
                <input type="hidden" name="reference" value={b.reference} />
                <input type="hidden" name="version" value={b.version} />
                <input type="hidden" name="decision" value="approve" />
              </ActionForm>
              <ActionForm
                action={decideGuaranteeAction}
                locale={locale}
                submitLabel={tg("deny")}
                tone="danger"
              >
                <input type="hidden" name="reference" value={b.reference} />
                <input type="hidden" name="version" value={b.version} />
                <input type="hidden" name="decision" value="deny" />
                <label htmlFor="deny-reason" className="block font-medium">
                  {tf("reason")}
                </label>
                <textarea
                  id="deny-reason"
                  name="reason"
                  rows={2}
                  maxLength={500}
                  className="block w-full rounded border border-slate-400 px-3 py-2"
                />
              </ActionForm>
            </div>
          </div>
        )}
        {b.transitions.length === 0 && <p>{t("noActions")}</p>}
        <div className="flex flex-wrap items-start gap-3">
          {b.transitions
            .filter((name) => name !== "cancel")
            .map((name) => (
              <ActionForm
                key={name}
                action={changeBookingStatusAction}
                locale={locale}
                submitLabel={ta(name)}
                tone={name === "noShow" ? "quiet" : "primary"}
              >
                <input type="hidden" name="reference" value={b.reference} />
                <input type="hidden" name="version" value={b.version} />
                <input type="hidden" name="transition" value={name} />
              </ActionForm>
            ))}
        </div>
        {b.transitions.includes("cancel") && (
          <ActionForm
            action={changeBookingStatusAction}
            locale={locale}
            submitLabel={ta("cancel")}
            tone="danger"
          >
            <input type="hidden" name="reference" value={b.reference} />
            <input type="hidden" name="version" value={b.version} />
            <input type="hidden" name="transition" value="cancel" />
            <label htmlFor="reason" className="block font-medium">
              {tf("reason")}
            </label>
            <textarea
              id="reason"
              name="reason"
              rows={2}
              maxLength={500}
              className={field}
              aria-describedby="reason-hint"
            />
            <p id="reason-hint" className="text-sm text-slate-600">
              {t("cancelHint")}
            </p>
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="requests" className="space-y-4">
        <h2 id="requests" className="text-xl font-semibold">
          {t("requests")}
        </h2>
        <div>
          <h3 className="font-semibold">{t("interpreter")}</h3>
          {!b.interpreterWanted ? (
            <p>{t("interpreterNone")}</p>
          ) : b.interpreterAckAt ? (
            <p>{t("interpreterAcknowledged", { when: short.format(b.interpreterAckAt) })}</p>
          ) : (
            <ActionForm action={acknowledgeInterpreterAction} locale={locale} submitLabel={t("acknowledge")}>
              <p>{t("interpreterWanted", { language: languages.of(b.patient.preferredLanguage) ?? "" })}</p>
              <input type="hidden" name="reference" value={b.reference} />
              <input type="hidden" name="version" value={b.version} />
            </ActionForm>
          )}
        </div>
        <div>
          <h3 className="font-semibold">{t("visaLetter")}</h3>
          {b.visaLetter ? (
            <p>
              {t("visaLetterIssued", {
                number: b.visaLetter.number,
                when: short.format(b.visaLetter.issuedAt),
              })}{" "}
              <a
                href={`/api/v1/staff/bookings/${b.reference}/visa-letter?locale=${locale}`}
                className="text-brand-700 underline"
              >
                {t("downloadLetter")}
              </a>
            </p>
          ) : b.canIssueVisaLetter ? (
            <ActionForm action={issueVisaLetterAction} locale={locale} submitLabel={t("issueLetter")}>
              <p>{b.visaLetterWanted ? t("visaLetterWanted") : t("visaLetterNotRequested")}</p>
              <input type="hidden" name="reference" value={b.reference} />
              <div className="flex flex-wrap gap-3">
                <TextField
                  id="stayFrom"
                  label={tf("stayFrom")}
                  name="stayFrom"
                  type="date"
                  required
                  defaultValue={visitDay}
                  className={field}
                />
                <TextField
                  id="stayTo"
                  label={tf("stayTo")}
                  name="stayTo"
                  type="date"
                  required
                  defaultValue={visitDay}
                  className={field}
                />
              </div>
            </ActionForm>
          ) : (
            <p>{t("visaLetterUnavailable")}</p>
          )}
        </div>
      </section>

      <section aria-labelledby="history">
        <h2 id="history" className="text-xl font-semibold">
          {t("history")}
        </h2>
        {b.history.length === 0 ? (
          <p>{t("noHistory")}</p>
        ) : (
          <ol className="mt-2 space-y-1">
            {b.history.map((h, i) => (
              <li key={i}>
                {short.format(h.at)} · {tau.has(h.action as AuditKey) ? tau(h.action as AuditKey) : h.action}
                {h.by ? ` · ${h.by}` : ""}
                {h.role ? ` (${tr(h.role)})` : ""}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
