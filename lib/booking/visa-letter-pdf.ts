// Renders a visa support letter as a PDF on the portal's text engine (lib/pdf:
// fonts per script, line breaking, bidi, tagging). Issue 17: consulates read
// English or Chinese, the patient needs to understand the letter, so it is
// written in English and Chinese, the texts of record, and, when the patient
// booked in another language, followed by a translation into it marked as
// for the patient's information (right to left for Arabic). Every sentence
// and label comes from the messages (VisaLetter); the hospital's letterhead
// from the catalogue; the verification code (ADR 0014) is printed with the
// instruction to have the hospital's international department check it.
import { createTranslator } from "next-intl";
import { isLocale, type Locale } from "../i18n/locales";
import { loadMessages } from "../i18n/messages";
import { formatTime } from "../i18n/time-format";
import { createPdfDocument, isolate, type PdfWriter } from "../pdf/document";
import { calendarDateOf, isoDate } from "../time/zone";
import { latinName } from "./latin-name";
import { formatVerificationCode } from "./visa-letter-code";

export interface VisaLetterData {
  number: string;
  verificationCode: string;
  issuedAt: Date;
  issuedBy: string;
  institution: {
    nameEn: string;
    nameZh: string;
    addressEn: string;
    addressZh: string;
    phone: string;
    email: string | null;
  };
  isDemo: boolean;
  patient: {
    name: string;
    /** ISO 3166-1 alpha-2. */
    nationality: string;
    /** YYYY-MM-DD. */
    dateOfBirth: string;
    passportNumber: string;
  };
  /** The department's or package's name in English, Chinese and the patient's language. */
  service: { en: string; zh: string; patient: string };
  /** The first appointment's start. */
  appointment: Date;
  /** YYYY-MM-DD. */
  stayFrom: string;
  stayTo: string;
  reference: string;
  /** The language the patient booked in: a translation into it follows unless it is English or Chinese. */
  locale: string;
}

/** The letter's sentences and labels in one language (messages' VisaLetter). */
async function textsIn(locale: Locale) {
  return createTranslator({ locale, messages: await loadMessages(locale), namespace: "VisaLetter" });
}
type Texts = Awaited<ReturnType<typeof textsIn>>;

const RECORD_LANGUAGES = ["en", "zh"] as const;

/** Whether the letter carries a translation into the patient's language. */
export function translationLocale(locale: string): Locale | null {
  return isLocale(locale) && !(RECORD_LANGUAGES as readonly string[]).includes(locale) ? locale : null;
}

const GREY: [number, number, number] = [0.35, 0.35, 0.4];
const WARNING: [number, number, number] = [0.65, 0.1, 0.1];

export async function renderVisaLetterPdf(data: VisaLetterData): Promise<Uint8Array> {
  const [en, zh] = await Promise.all([textsIn("en"), textsIn("zh")]);
  const local = translationLocale(data.locale);
  const patientTexts = local ? await textsIn(local) : null;
  const pdf = createPdfDocument({
    lang: "en",
    title: `Visa support letter ${data.number}`,
    subject: `Booking ${data.reference}`,
    author: data.institution.nameEn,
    creationDate: data.issuedAt,
  });
  const inst = data.institution;
  // A document's date is the day in Beijing, where it is issued (not the UTC day, a day behind before 08:00).
  const issuedOn = beijingDay(data.issuedAt);
  const code = formatVerificationCode(data.verificationCode);
  const latin = latinName(data.patient.name);
  const region = (locale: string) =>
    new Intl.DisplayNames([locale], { type: "region" }).of(data.patient.nationality) ??
    data.patient.nationality;
  // A label in both languages: English on its line, Chinese under it.
  const both = (key: Parameters<Texts>[0]) => `${en(key)}\n${zh(key)}`;

  // The letterhead: the hospital in English and Chinese, its international department's contacts.
  pdf.section(
    () => {
      pdf.paragraph(inst.nameEn, { size: 15, bold: true });
      pdf.paragraph(inst.nameZh, { size: 15, bold: true, lang: "zh" });
      pdf.paragraph(`${en("department")} · ${zh("department")}`, { bold: true });
      pdf.paragraph(inst.addressEn, { color: GREY });
      pdf.paragraph(inst.addressZh, { color: GREY, lang: "zh" });
      const contacts = [`${en("phone")} / ${zh("phone")}: ${inst.phone}`];
      if (inst.email) contacts.push(`${en("email")} / ${zh("email")}: ${inst.email}`);
      pdf.paragraph(contacts.join("\n"), { color: GREY });
    },
    { type: "Div" },
  );
  pdf.rule();
  if (data.isDemo) {
    pdf.paragraph(en("demo"), { bold: true, size: 10, color: WARNING });
    pdf.paragraph(zh("demo"), { bold: true, size: 10, color: WARNING, lang: "zh" });
    if (patientTexts && local)
      pdf.paragraph(patientTexts("demo"), { bold: true, size: 10, color: WARNING, lang: local });
    pdf.gap(6);
  }

  pdf.heading(1, en("title"), { size: 17 });
  pdf.paragraph(zh("title"), { size: 17, bold: true, lang: "zh" });
  pdf.gap(6);
  pdf.table(
    {
      columns: [0.42, 0.58],
      headerColumn: true,
      rows: [
        [`${en("number")} · ${zh("number")}`, data.number],
        [`${en("issued")} · ${zh("issued")}`, issuedOn],
        [`${en("verificationCode")} · ${zh("verificationCode")}`, code],
      ],
    },
    { size: 10 },
  );
  pdf.gap(12);

  // The texts of record: English, then Chinese.
  pdf.section(() => {
    pdf.paragraph(en("salutation"));
    pdf.gap(4);
    pdf.paragraph(en("body"));
  });
  pdf.gap(8);
  pdf.section(
    () => {
      pdf.paragraph(zh("salutation"));
      pdf.gap(4);
      pdf.paragraph(zh("body"));
    },
    { lang: "zh" },
  );
  pdf.gap(10);
  // Values that read the same in both: dates as YYYY-MM-DD, the time on a 24-hour clock.
  const appointment = `${beijingDay(data.appointment)} ${formatTime(data.appointment, "zh")}`;
  pdf.table(
    {
      columns: [0.42, 0.58],
      headerColumn: true,
      rows: [
        [both("patientName"), data.patient.name],
        ...(latin ? [[both("latinName"), latin]] : []),
        [both("nationality"), `${region("en")}\n${region("zh")}`],
        [both("dateOfBirth"), data.patient.dateOfBirth],
        [both("passport"), data.patient.passportNumber],
        [both("service"), uniqueLines(data.service.en, data.service.zh)],
        [both("appointment"), appointment],
        [both("stay"), `${data.stayFrom} – ${data.stayTo}`],
        [both("reference"), data.reference],
      ],
    },
    { size: 10 },
  );
  pdf.gap(10);
  pdf.section(() => {
    pdf.paragraph(en("costs"));
    pdf.gap(4);
    pdf.paragraph(`${en("verify")}\n${en("verificationCode")}: ${code}`, { bold: true });
  });
  pdf.gap(6);
  pdf.section(
    () => {
      pdf.paragraph(zh("costs"));
      pdf.gap(4);
      pdf.paragraph(`${zh("verify")}\n${zh("verificationCode")}：${code}`, { bold: true });
    },
    { lang: "zh" },
  );
  pdf.gap(14);
  signature(pdf, data, `${en("issuedBy")} / ${zh("issuedBy")}`, en, zh);

  if (patientTexts && local)
    translation(pdf, data, patientTexts, local, { code, latin, region: region(local) });

  return pdf.end();
}

/** The staff member who issued the letter, for the department and the hospital, in both languages. */
function signature(pdf: PdfWriter, data: VisaLetterData, label: string, en: Texts, zh: Texts) {
  pdf.section(
    () => {
      pdf.paragraph(`${label}: ${data.issuedBy}`, { bold: true });
      pdf.paragraph(`${en("department")}, ${data.institution.nameEn}`);
      pdf.paragraph(`${data.institution.nameZh}${zh("department")}`, { lang: "zh" });
    },
    { type: "Div" },
  );
}

/** The patient's language: the same letter, marked as a translation for their information. */
function translation(
  pdf: PdfWriter,
  data: VisaLetterData,
  t: Texts,
  locale: Locale,
  values: { code: string; latin: string | null; region: string },
) {
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  // Each element carries the language: its direction (right to left for Arabic) and its Han face.
  const own = { lang: locale };
  pdf.gap(18);
  pdf.rule();
  pdf.section(
    () => {
      pdf.heading(2, t("title"), own);
      pdf.paragraph(t("translation"), { ...own, bold: true, color: WARNING });
      pdf.gap(8);
      pdf.paragraph(t("salutation"), own);
      pdf.gap(4);
      pdf.paragraph(t("body"), own);
      pdf.gap(8);
      pdf.table(
        {
          columns: [0.42, 0.58],
          headerColumn: true,
          rows: [
            [t("number"), data.number],
            [t("issued"), day(beijingDay(data.issuedAt))],
            [t("patientName"), data.patient.name],
            ...(values.latin ? [[t("latinName"), values.latin]] : []),
            [t("nationality"), values.region],
            [t("dateOfBirth"), day(data.patient.dateOfBirth)],
            [t("passport"), data.patient.passportNumber],
            [t("service"), data.service.patient],
            [t("appointment"), formatTime(data.appointment, locale, { date: true })],
            [t("stay"), t("stayRange", { from: day(data.stayFrom), to: day(data.stayTo) })],
            [t("reference"), data.reference],
            [t("verificationCode"), values.code],
          ],
        },
        { ...own, size: 10 },
      );
      pdf.gap(8);
      pdf.paragraph(t("costs"), own);
      pdf.gap(4);
      pdf.paragraph(t("verify"), { ...own, bold: true });
      pdf.gap(8);
      pdf.paragraph(`${t("issuedBy")}: ${isolate(data.issuedBy)}`, own);
    },
    { lang: locale },
  );
}

/** YYYY-MM-DD of an instant in Beijing. */
function beijingDay(instant: Date): string {
  return isoDate(calendarDateOf(instant));
}

/** Both names on their own lines, once when they are the same (a name the catalogue has only in one language). */
function uniqueLines(...names: string[]): string {
  return [...new Set(names.filter((n) => n !== ""))].join("\n");
}
