// The visa support letter as a reader nobody here wrote (pdf.js) extracts it.
import { describe, expect, it } from "vitest";
import { renderVisaLetterPdf, type VisaLetterData } from "../../lib/booking/visa-letter-pdf";
import { pdfText } from "../helpers/pdf-text";

const sampleLetter = (issuedAt: Date, locale = "ru"): VisaLetterData => ({
  number: "VL-2026-000001-AB12",
  verificationCode: "K7Q2M9DXA4",
  issuedAt,
  issuedBy: "Li Na",
  institution: {
    nameEn: "Peking Union Medical College Hospital",
    nameZh: "北京协和医院",
    addressEn: "1 Shuaifuyuan, Dongcheng District, Beijing",
    addressZh: "北京市东城区帅府园1号",
    phone: "+86 10 6915 6699",
    email: "intl@pumch.example",
  },
  isDemo: true,
  patient: { name: "Иван Петров", nationality: "RU", dateOfBirth: "1980-04-02", passportNumber: "751234567" },
  service: { en: "Cardiology", zh: "心内科", patient: "Кардиология" },
  appointment: new Date("2026-12-03T01:00:00Z"),
  stayFrom: "2026-12-01",
  stayTo: "2026-12-10",
  reference: "IPP-ABC123",
  locale,
});

describe("the visa support letter", () => {
  it("is dated by the day in Beijing: issued at 01:30 on 30 November in Beijing (17:30 UTC the day before)", async () => {
    const text = await pdfText(await renderVisaLetterPdf(sampleLetter(new Date("2026-11-29T17:30:00Z"))));
    expect(text).toContain("2026-11-30");
    expect(text).not.toContain("2026-11-29");
    expect(text).toContain("Иван Петров");
    expect(text).toContain("Ivan Petrov");
    expect(text).toContain("K7Q2M-9DXA4");
  });
});
