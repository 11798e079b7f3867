// The parts of a booking's staff page (app/[locale]/staff/(console)/bookings/[reference]):
// the patient's details, the decisions staff may take (the guarantee, the
// status changes), the requests (interpreter, visa letter) and the history.
// Which decisions exist is decided in lib (guaranteeDecisions, the booking's
// transitions); these components render them.
import { getTranslations } from "next-intl/server";
import { ActionForm, type ActionFormProps } from "@/components/staff/action-form";
import { Field, TextAreaField } from "@/components/ui/field";
import { beijingFormat, languageNames, regionNames } from "@/components/ui/formats";
import { Section } from "@/components/ui/section";
import type { getStaffBooking } from "@/lib/booking/get-staff-booking";
import type { GuaranteeDecision } from "@/lib/payment/guarantee-decisions";

type Booking = Awaited<ReturnType<typeof getStaffBooking>>;
type Action = ActionFormProps["action"];
type AuditKey = Parameters<Awaited<ReturnType<typeof getTranslations<"Staff.auditAction">>>>[0];

function DetailRow({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div className="grid grid-cols-1 gap-1 border-b border-slate-100 py-2 sm:grid-cols-3">
      <dt className="font-medium">{label}</dt>
      <dd className="sm:col-span-2">{value ?? "—"}</dd>
    </div>
  );
}

export async function BookingDetails({ b, locale }: { b: Booking; locale: string }) {
  const t = await getTranslations("Staff.booking");
  const tg = await getTranslations("Staff.guarantee");
  const tf = await getTranslations("Staff.field");
  const languages = languageNames(locale);
  const direct = b.paymentMethod === "DIRECT_BILLING";
  const rows: [string, string | null | undefined][] = [
    ...(b.patient.latinName ? [[tf("latinName"), b.patient.latinName] as [string, string]] : []),
    [tf("nationality"), regionNames(locale).of(b.patient.nationality) ?? b.patient.nationality],
    [tf("dateOfBirth"), b.patient.dateOfBirth],
    [tf("language"), languages.of(b.patient.preferredLanguage) ?? b.patient.preferredLanguage],
    [tf("emailLanguage"), languages.of(b.patient.locale) ?? b.patient.locale],
    [tf("email"), b.patient.email],
    [tf("phone"), b.patient.phone],
    [tf("passport"), b.patient.passportLast4 ? t("passportLast4", { last4: b.patient.passportLast4 }) : null],
    [tf("reasonForVisit"), b.reasonForVisit],
    [tf("payment"), direct ? t("directBilling", { insurer: b.insurer ?? "" }) : t("selfPay")],
  ];
  if (direct) rows.push([tf("policyNumber"), b.policyNumber], [tf("memberName"), b.memberName]);
  if (b.guarantee)
    rows.push([tf("guarantee"), `${tg(b.guarantee)}${b.guaranteeReason ? ` · ${b.guaranteeReason}` : ""}`]);
  if (b.cancelReason) rows.push([tf("reason"), b.cancelReason]);
  return (
    <Section id="details" title={t("details")} className="">
      <dl className="mt-2">
        {rows.map(([label, value]) => (
          <DetailRow key={label} label={label} value={value} />
        ))}
      </dl>
    </Section>
  );
}

type ActionsProps = {
  b: Booking;
  locale: string;
  decisions: readonly GuaranteeDecision[];
  decideAction: Action;
  changeAction: Action;
};

export async function BookingActions({ b, locale, decisions, decideAction, changeAction }: ActionsProps) {
  const t = await getTranslations("Staff.booking");
  const tg = await getTranslations("Staff.guarantee");
  const tf = await getTranslations("Staff.field");
  const ta = await getTranslations("Staff.transition");
  const why = await getTranslations("Errors.reasons");
  const record = { reference: b.reference, version: b.version };
  return (
    <Section id="actions" title={t("actions")} className="space-y-4">
      {decisions.length > 0 && (
        <div className="space-y-3 rounded border border-amber-400 bg-amber-50 p-4">
          <h3 className="font-semibold">{tg("decideTitle", { insurer: b.insurer ?? "" })}</h3>
          <p className="text-sm">{tg("decideIntro")}</p>
          <div className="flex flex-wrap items-start gap-4">
            {decisions.map((decision) => (
              <ActionForm
                key={decision}
                action={decideAction}
                locale={locale}
                submitLabel={tg(decision)}
                tone={decision === "deny" ? "danger" : "primary"}
                hidden={{ ...record, decision }}
              >
                {decision === "deny" && (
                  <TextAreaField
                    id="deny-reason"
                    name="reason"
                    label={tf("reason")}
                    rows={2}
                    maxLength={500}
                  />
                )}
              </ActionForm>
            ))}
          </div>
        </div>
      )}
      {b.transitions.length === 0 && b.transitionsNotNow.length === 0 && <p>{t("noActions")}</p>}
      <div className="flex flex-wrap items-start gap-3">
        {b.transitions
          .filter((name) => name !== "cancel")
          .map((name) => (
            <ActionForm
              key={name}
              action={changeAction}
              locale={locale}
              submitLabel={ta(name)}
              tone={name === "noShow" ? "quiet" : "primary"}
              hidden={{ ...record, transition: name }}
            />
          ))}
      </div>
      {b.transitionsNotNow.length > 0 && (
        // What the status allows but the time does not (yet): why the button is not there.
        <ul data-testid="not-now" className="list-disc space-y-1 ps-5 text-slate-700">
          {b.transitionsNotNow.map(({ name, reason }) => (
            <li key={name}>{why(reason)}</li>
          ))}
        </ul>
      )}
      {b.transitions.includes("cancel") && (
        <ActionForm
          action={changeAction}
          locale={locale}
          submitLabel={ta("cancel")}
          tone="danger"
          hidden={{ ...record, transition: "cancel" }}
        >
          <TextAreaField
            id="reason"
            name="reason"
            label={tf("reason")}
            hint={t("cancelHint")}
            rows={2}
            maxLength={500}
          />
        </ActionForm>
      )}
    </Section>
  );
}

type RequestsProps = {
  b: Booking;
  locale: string;
  visitDay: string;
  acknowledgeAction: Action;
  issueLetterAction: Action;
};

export async function BookingRequests({
  b,
  locale,
  visitDay,
  acknowledgeAction,
  issueLetterAction,
}: RequestsProps) {
  const t = await getTranslations("Staff.booking");
  const tf = await getTranslations("Staff.field");
  const short = beijingFormat(locale, "medium", "short");
  return (
    <Section id="requests" title={t("requests")} className="space-y-4">
      <div>
        <h3 className="font-semibold">{t("interpreter")}</h3>
        {!b.interpreterWanted ? (
          <p>{t("interpreterNone")}</p>
        ) : b.interpreterAckAt ? (
          <p>{t("interpreterAcknowledged", { when: short.format(b.interpreterAckAt) })}</p>
        ) : (
          <ActionForm
            action={acknowledgeAction}
            locale={locale}
            submitLabel={t("acknowledge")}
            hidden={{ reference: b.reference, version: b.version }}
          >
            <p>
              {t("interpreterWanted", {
                language: languageNames(locale).of(b.patient.preferredLanguage) ?? "",
              })}
            </p>
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
          <ActionForm
            action={issueLetterAction}
            locale={locale}
            submitLabel={t("issueLetter")}
            hidden={{ reference: b.reference }}
          >
            <p>{b.visaLetterWanted ? t("visaLetterWanted") : t("visaLetterNotRequested")}</p>
            <div className="flex flex-wrap gap-3">
              {(["stayFrom", "stayTo"] as const).map((name) => (
                <Field
                  key={name}
                  id={name}
                  name={name}
                  label={tf(name)}
                  type="date"
                  required
                  defaultValue={visitDay}
                />
              ))}
            </div>
          </ActionForm>
        ) : (
          <p>{t("visaLetterUnavailable")}</p>
        )}
      </div>
    </Section>
  );
}

export async function BookingHistory({ b, locale }: { b: Booking; locale: string }) {
  const t = await getTranslations("Staff.booking");
  const tr = await getTranslations("Staff.role");
  const tau = await getTranslations("Staff.auditAction");
  const short = beijingFormat(locale, "medium", "short");
  return (
    <Section id="history" title={t("history")} className="">
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
    </Section>
  );
}
