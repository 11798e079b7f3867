// The visa support letter in every portal language (issue 17), as real readers
// see it: for a booking made in each locale, the letter the patient downloads
// (and the one staff download) passes qpdf --check, pdffonts lists every font
// embedded with a ToUnicode map, no glyph drawn is a .notdef, and pdftotext
// finds the English and Chinese titles, the patient's language title, the
// patient's name, the passport number and the verification code.
import { beforeAll, describe, expect, it } from "vitest";
import { getVisaLetterForPatient, getVisaLetterForStaff } from "../../lib/booking/get-visa-letter";
import { issueVisaLetter } from "../../lib/booking/issue-visa-letter";
import { latinName } from "../../lib/booking/latin-name";
import { formatVerificationCode } from "../../lib/booking/visa-letter-code";
import { renderVisaLetterPdf, translationLocale } from "../../lib/booking/visa-letter-pdf";
import { locales } from "../../lib/i18n/locales";
import { loadMessages } from "../../lib/i18n/messages";
import { calendarDateOf, isoDate } from "../../lib/time/zone";
import { testDb } from "../helpers/db";
import { pdfFonts, pdfToText, qpdfCheck, shownGlyphs } from "../helpers/pdf-readers";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
beforeAll(async () => {
  world = await createWorld(testDb());
});

/** A patient of each language, the name in its own script, and a passport. */
const PATIENTS: Record<string, { name: string; nationality: string }> = {
  en: { name: "Emily Carter", nationality: "GB" },
  zh: { name: "陈美玲", nationality: "MY" },
  ru: { name: "Ольга Царёва", nationality: "RU" },
  ar: { name: "ليلى حداد", nationality: "JO" },
  ja: { name: "山田 花子", nationality: "JP" },
  ko: { name: "김민준", nationality: "KR" },
  fr: { name: "Élodie Lefèvre", nationality: "FR" },
  es: { name: "José Martínez", nationality: "ES" },
  de: { name: "Jürgen Groß", nationality: "DE" },
  id: { name: "Siti Rahayu", nationality: "ID" },
  th: { name: "สมชาย ใจดี", nationality: "TH" },
  vi: { name: "Nguyễn Thị Hương", nationality: "VN" },
  mn: { name: "Батбаярын Энхтуяа", nationality: "MN" },
  kk: { name: "Әлия Нұрланқызы", nationality: "KZ" },
};

const DAY = 86_400_000;

/** What every letter must show a reader, whatever its language. */
async function expectReadable(pdf: Uint8Array, expected: string[]) {
  const check = await qpdfCheck(pdf);
  expect(check.ok, check.report).toBe(true);
  const fonts = await pdfFonts(pdf);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: true, toUnicode: true });
  const glyphs = await shownGlyphs(pdf);
  expect(glyphs.shown).toBeGreaterThan(500);
  expect(glyphs.notdef).toBe(0);
  const text = await pdfToText(pdf);
  // A sentence wrapped at a space reads as one again once line breaks are spaces; poppler
  // moves the neutral punctuation of right-to-left text (" ." for ". "), so words are compared.
  const words = (s: string) => s.replace(/[\p{P}\s]+/gu, " ").trim();
  for (const s of expected) expect(text.includes(s) || words(text).includes(words(s)), s).toBe(true);
  return text;
}

describe("the visa letter in every language", () => {
  it.each(locales)(
    "%s: English and Chinese, the patient's language beside them, readable by qpdf and poppler",
    async (locale) => {
      const db = testDb();
      const patient = PATIENTS[locale] ?? { name: "Alex Morgan", nationality: "GB" };
      const passportNumber = `P${locale.toUpperCase()}4821937`;
      const { reference, manageToken } = await book(db, world.a, locales.indexOf(locale) % 4, {
        locale,
        ...patient,
        passportNumber,
      });
      const { number } = await issueVisaLetter(db, world.actors.staffA, {
        reference,
        stayFrom: isoDate(calendarDateOf(new Date())),
        stayTo: isoDate(calendarDateOf(new Date(Date.now() + 30 * DAY))),
      });
      const { verificationCode } = await db.visaLetter.findUniqueOrThrow({ where: { number } });
      const [en, zh, own] = await Promise.all([loadMessages("en"), loadMessages("zh"), loadMessages(locale)]);
      const expected = [
        en.VisaLetter.title,
        zh.VisaLetter.title,
        own.VisaLetter.title,
        patient.name,
        passportNumber,
        number,
        formatVerificationCode(verificationCode),
      ];
      const latin = latinName(patient.name);
      if (latin) expected.push(latin);
      // The translation, marked as one, only where the patient's language is neither English nor Chinese.
      if (translationLocale(locale)) expected.push(own.VisaLetter.translation);

      const letter = await getVisaLetterForPatient(db, reference, manageToken);
      expect(letter.filename).toBe(`${number}.pdf`);
      const text = await expectReadable(letter.pdf, expected);
      if (!translationLocale(locale)) expect(text).not.toContain(en.VisaLetter.translation);

      // Staff of the hospital download the same letter.
      const forStaff = await getVisaLetterForStaff(db, world.actors.staffA, reference);
      expect(await pdfToText(forStaff.pdf)).toContain(formatVerificationCode(verificationCode));
    },
  );

  it("the glyph check can fail: a character no embedded font has is drawn as .notdef and counted", async () => {
    const pdf = await renderVisaLetterPdf({
      number: "VL-2026-000001-AB12",
      verificationCode: "K7Q2M9DXA4",
      issuedAt: new Date(),
      issuedBy: "Li Na",
      institution: {
        nameEn: "Test Hospital",
        nameZh: "测试医院",
        addressEn: "1 Test Road",
        addressZh: "测试路 1 号",
        phone: "+86 10 6915 6699",
        email: null,
      },
      isDemo: false,
      // Egyptian hieroglyphs: in no font the portal embeds.
      patient: { name: "𓀀𓀁", nationality: "EG", dateOfBirth: "1980-04-02", passportNumber: "A1234567" },
      service: { en: "Cardiology", zh: "心内科", patient: "Cardiology" },
      appointment: new Date(Date.now() + 5 * DAY),
      stayFrom: "2026-12-01",
      stayTo: "2026-12-10",
      reference: "IPP-ABC123",
      locale: "en",
    });
    expect((await shownGlyphs(pdf)).notdef).toBeGreaterThan(0);
  });
});
