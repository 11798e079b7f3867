// The visa support letter as a reader nobody here wrote (pdf.js) extracts it.
import { describe, expect, it } from "vitest";
import { renderVisaLetterPdf, type VisaLetterData } from "../../lib/booking/visa-letter-pdf";
import { pdfText } from "../helpers/pdf-text";

const letter = (issuedAt: Date): VisaLetterData => ({
  number: "VL-2026-0001",
  issuedAt,
  issuedBy: "Li Na",
  institution: {
    name: "Peking Union Medical College Hospital",
    nameZh: "北京协和医院",
    address: "1 Shuaifuyuan, Beijing",
    phone: "+86 10 6915 6699",
    email: null,
  },
  isDemo: true,
  patient: { name: "Иван Петров", nationality: "RU", dateOfBirth: "1980-04-02", passportNumber: "751234567" },
  service: "Cardiology consultation",
  appointment: "2026-12-03 09:00 (Beijing time)",
  stayFrom: "2026-12-01",
  stayTo: "2026-12-10",
  reference: "IPP-ABC123",
});

describe("the visa support letter", () => {
  it("is dated by the day in Beijing: issued at 01:30 on 30 November in Beijing (17:30 UTC the day before)", async () => {
    const text = await pdfText(await renderVisaLetterPdf(letter(new Date("2026-11-29T17:30:00Z"))));
    expect(text).toContain("Issued 2026-11-30");
    expect(text).not.toContain("2026-11-29");
    expect(text).toContain("Иван Петров");
  });
});
