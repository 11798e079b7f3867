// Renders a visa support letter as a PDF (pdf-lib, DejaVu Sans embedded so
// names in Latin, Cyrillic or Greek script print correctly). English, the
// language consulates expect; the data comes from the booking and the letter
// record, the passport number decrypted only for the rendering.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { calendarDateOf, isoDate } from "../time/zone";

export interface VisaLetterData {
  number: string;
  issuedAt: Date;
  issuedBy: string;
  institution: { name: string; nameZh: string; address: string; phone: string; email: string | null };
  isDemo: boolean;
  patient: { name: string; nationality: string; dateOfBirth: string; passportNumber: string };
  service: string;
  appointment: string;
  stayFrom: string;
  stayTo: string;
  reference: string;
}

const FONT_DIR = join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");

let fonts: Promise<[Uint8Array, Uint8Array]> | undefined;
function loadFonts() {
  fonts ??= Promise.all([
    readFile(join(FONT_DIR, "DejaVuSans.ttf")),
    readFile(join(FONT_DIR, "DejaVuSans-Bold.ttf")),
  ]);
  return fonts;
}

/** Splits text into lines that fit `width` at `size`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderVisaLetterPdf(data: VisaLetterData): Promise<Uint8Array> {
  const [regularBytes, boldBytes] = await loadFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  pdf.setTitle(`Visa support letter ${data.number}`);
  pdf.setAuthor(data.institution.name);
  pdf.setSubject(`Booking ${data.reference}`);
  pdf.setCreationDate(data.issuedAt);

  const page: PDFPage = pdf.addPage([595.28, 841.89]);
  const margin = 56;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;
  const write = (text: string, options: { font?: PDFFont; size?: number; gap?: number } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 11;
    for (const line of wrap(text, font, size, width)) {
      page.drawText(line, { x: margin, y, size, font, color: rgb(0.1, 0.1, 0.12) });
      y -= size * 1.45;
    }
    y -= options.gap ?? 0;
  };

  write(data.institution.name, { font: bold, size: 15 });
  write("International Medical Services Department");
  write(data.institution.address);
  write(`Tel. ${data.institution.phone}${data.institution.email ? ` · ${data.institution.email}` : ""}`, {
    gap: 18,
  });
  if (data.isDemo) {
    write(
      "DEMONSTRATION DATA: this letter was produced from illustrative demo data and is not valid for a visa application.",
      {
        font: bold,
        size: 10,
        gap: 10,
      },
    );
  }
  write("VISA SUPPORT LETTER", { font: bold, size: 14 });
  // A document's date is the day in Beijing, where it is issued (not the UTC day, a day behind before 08:00).
  write(`No. ${data.number} · Issued ${isoDate(calendarDateOf(data.issuedAt))}`, { gap: 14 });
  write("To the visa officer of the Embassy or Consulate of the People's Republic of China,", { gap: 8 });
  write(
    `We confirm that the person named below has an appointment for medical treatment at ${data.institution.name}, and we support the application for a visa that allows the stay needed for this treatment.`,
    { gap: 10 },
  );
  const rows: [string, string][] = [
    ["Patient name", data.patient.name],
    ["Nationality", data.patient.nationality],
    ["Date of birth", data.patient.dateOfBirth],
    ["Passport number", data.patient.passportNumber],
    ["Department or treatment", data.service],
    ["First appointment", data.appointment],
    ["Expected stay for treatment", `${data.stayFrom} to ${data.stayTo}`],
    ["Booking reference", data.reference],
  ];
  for (const [label, value] of rows) {
    page.drawText(`${label}:`, { x: margin, y, size: 11, font: bold });
    const lines = wrap(value, regular, 11, width - 190);
    for (const line of lines) {
      page.drawText(line, { x: margin + 190, y, size: 11, font: regular });
      y -= 16;
    }
    y -= 2;
  }
  y -= 12;
  write(
    "The patient is responsible for the costs of treatment and stay unless an insurer has confirmed a guarantee of payment. Please contact the international department above to verify this letter, quoting its number.",
    { gap: 24 },
  );
  write(data.issuedBy, { font: bold });
  write(`International Medical Services Department, ${data.institution.name}`);
  return pdf.save();
}
