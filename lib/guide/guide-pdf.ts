// The printable guide as a PDF, made on the server with pdf-lib: DejaVu Sans
// for Latin, Cyrillic and Arabic, Noto Sans SC for Chinese (both embedded as
// subsets). fontkit shapes Arabic (joining forms) and lays an Arabic run out
// right to left; this file splits text into runs by script and direction and
// places the runs of a right-to-left line from the right margin. Bilingual:
// each section in the reader's language, then in Chinese.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import subsetFont from "subset-font";
import type { PublishedGuide } from "./get-published-guide";

const MODULES = join(process.cwd(), "node_modules");
const FONT_FILES = {
  latin: join(MODULES, "dejavu-fonts-ttf", "ttf", "DejaVuSans.ttf"),
  latinBold: join(MODULES, "dejavu-fonts-ttf", "ttf", "DejaVuSans-Bold.ttf"),
  cjk: join(MODULES, "@expo-google-fonts", "noto-sans-sc", "400Regular", "NotoSansSC_400Regular.ttf"),
  cjkBold: join(MODULES, "@expo-google-fonts", "noto-sans-sc", "700Bold", "NotoSansSC_700Bold.ttf"),
};

let fontBytes: Promise<Record<keyof typeof FONT_FILES, Uint8Array>> | undefined;
function loadFonts() {
  fontBytes ??= Promise.all(
    Object.entries(FONT_FILES).map(async ([k, f]) => [k, await readFile(f)] as const),
  ).then((entries) => Object.fromEntries(entries) as unknown as Record<keyof typeof FONT_FILES, Uint8Array>);
  return fontBytes;
}

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

interface Fonts {
  regular: { latin: PDFFont; cjk: PDFFont };
  bold: { latin: PDFFont; cjk: PDFFont };
}

type Run = { text: string; font: PDFFont; rtl: boolean };

/** A word's runs: Chinese characters in the CJK font, the rest in DejaVu; Arabic runs are right to left. */
function runsOf(word: string, fonts: Fonts["regular"]): Run[] {
  const runs: Run[] = [];
  for (const ch of word) {
    const font = CJK.test(ch) ? fonts.cjk : fonts.latin;
    const rtl = RTL.test(ch);
    const last = runs.at(-1);
    if (last && last.font === font && last.rtl === rtl) last.text += ch;
    else runs.push({ text: ch, font, rtl });
  }
  return runs;
}

/** Tokens to wrap on: words at spaces, and each Chinese character on its own. */
function tokens(text: string): string[] {
  return text
    .split(/(\s+)/)
    .flatMap((part) =>
      /\s/.test(part)
        ? [" "]
        : part.split(
            /(?=[\u2E80-\u9FFF\u3000-\u303F\uFF00-\uFFEF])|(?<=[\u2E80-\u9FFF\u3000-\u303F\uFF00-\uFFEF])/u,
          ),
    )
    .filter((t) => t !== "");
}

function width(token: string, fonts: Fonts["regular"], size: number): number {
  return runsOf(token, fonts).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
    private readonly margin = 56,
  ) {
    this.newPage();
  }
  private newPage() {
    this.page = this.pdf.addPage([595.28, 841.89]); // A4
    this.y = this.page.getHeight() - this.margin;
  }
  private get lineWidth() {
    return this.page.getWidth() - 2 * this.margin;
  }
  gap(points: number) {
    this.y -= points;
  }
  /** Writes a paragraph, wrapped, left-aligned or (right-to-left) right-aligned. */
  paragraph(
    text: string,
    options: { size?: number; bold?: boolean; rtl?: boolean; color?: [number, number, number] } = {},
  ) {
    const size = options.size ?? 11;
    const fonts = options.bold ? this.fonts.bold : this.fonts.regular;
    const rtl = options.rtl ?? RTL.test(text);
    const lines: string[][] = [[]];
    let used = 0;
    for (const token of tokens(text)) {
      const w = width(token, fonts, size);
      if (used + w > this.lineWidth && lines.at(-1)!.length > 0 && token !== " ") {
        lines.push([]);
        used = 0;
      }
      if (token === " " && lines.at(-1)!.length === 0) continue;
      lines.at(-1)!.push(token);
      used += w;
    }
    for (const line of lines) {
      if (this.y < this.margin + size) this.newPage();
      this.y -= size * 1.45;
      this.drawLine(line, fonts, size, rtl, options.color ?? [0.1, 0.1, 0.1]);
    }
  }
  private drawLine(
    line: string[],
    fonts: Fonts["regular"],
    size: number,
    rtl: boolean,
    color: [number, number, number],
  ) {
    // Right to left: consecutive left-to-right words stay together in their own order (a simple bidi).
    const groups: string[][] = [];
    for (const token of line) {
      const ltr = !RTL.test(token);
      const last = groups.at(-1);
      if (rtl && ltr && last && !RTL.test(last.join("")) && token !== " ") last.push(token);
      else if (rtl && token === " " && last && !RTL.test(last.join(""))) last.push(token);
      else groups.push([token]);
    }
    // Spaces at the edges of a left-to-right group stand between it and its neighbours.
    const spaced = groups.flatMap((g) => {
      if (g.length < 2 || RTL.test(g.join(""))) return [g];
      let start = 0;
      let end = g.length;
      while (start < end && g[start] === " ") start++;
      while (end > start && g[end - 1] === " ") end--;
      return [g.slice(0, start), g.slice(start, end), g.slice(end)].filter((part) => part.length > 0);
    });
    const ordered = rtl ? spaced.reverse() : spaced;
    const total = ordered.reduce((w, g) => w + width(g.join(""), fonts, size), 0);
    let x = rtl ? this.margin + this.lineWidth - total : this.margin;
    for (const group of ordered) {
      const text = group.join("");
      const runs = runsOf(text, fonts);
      // In a right-to-left word, neutral marks (":", "،") belong on its left: its runs go right to left too.
      if (rtl && RTL.test(text)) runs.reverse();
      for (const run of runs) {
        this.page.drawText(run.text, { x, y: this.y, size, font: run.font, color: rgb(...color) });
        x += run.font.widthOfTextAtSize(run.text, size);
      }
    }
  }
}

export interface GuidePdfLabels {
  title: string;
  published: string;
  fallback: (language: string, shown: string) => string;
  phone: string;
  emergency: string;
  demo: string;
}

export async function renderGuidePdf(
  guide: PublishedGuide,
  locale: string,
  labels: GuidePdfLabels,
  options: { bilingual: boolean },
): Promise<Uint8Array> {
  const bytes = await loadFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const embed = (b: Uint8Array) => pdf.embedFont(b, { subset: true });
  // pdf-lib's own subsetting drops glyphs of this large CJK font, so HarfBuzz cuts it down to the
  // Chinese characters the guide uses, and that small font is embedded whole.
  const chinese =
    [...new Set(JSON.stringify(guide).match(new RegExp(CJK.source, "gu")) ?? [])].join("") + "·：，。";
  const embedCjk = async (b: Uint8Array, text: string) =>
    pdf.embedFont(await subsetFont(Buffer.from(b), text, { targetFormat: "truetype" }), { subset: false });
  const fonts: Fonts = {
    regular: { latin: await embed(bytes.latin), cjk: await embedCjk(bytes.cjk, chinese) },
    bold: { latin: await embed(bytes.latinBold), cjk: await embedCjk(bytes.cjkBold, chinese) },
  };
  pdf.setTitle(labels.title);
  pdf.setLanguage(locale);
  pdf.setCreationDate(guide.publishedAt);
  const language = new Intl.DisplayNames([locale], { type: "language" });
  const rtl = locale === "ar";
  const w = new Writer(pdf, fonts);
  w.paragraph(labels.title, { size: 20, bold: true, rtl });
  w.paragraph(labels.published, { size: 10, rtl, color: [0.35, 0.35, 0.35] });
  w.paragraph(labels.emergency, { size: 13, bold: true, rtl, color: [0.7, 0.1, 0.1] });
  for (const s of guide.sections) {
    w.gap(10);
    w.paragraph(s.title, { size: 15, bold: true, rtl: rtl && !s.isFallback });
    if (s.isFallback)
      w.paragraph(labels.fallback(language.of(locale) ?? locale, language.of(s.locale) ?? s.locale), {
        size: 9,
        rtl,
        color: [0.55, 0.35, 0],
      });
    for (const p of s.body.split(/\n\s*\n/).filter((x) => x.trim()))
      w.paragraph(p.trim(), { rtl: s.locale === "ar" });
    if (options.bilingual && s.zh && s.locale !== "zh") {
      w.gap(4);
      w.paragraph(s.zh.title, { size: 13, bold: true });
      for (const p of s.zh.body.split(/\n\s*\n/).filter((x) => x.trim())) w.paragraph(p.trim());
    }
    if (s.key === "INSTITUTIONS")
      for (const i of guide.institutions) {
        w.gap(4);
        w.paragraph(i.name, { bold: true, rtl: RTL.test(i.name) });
        w.paragraph(`${i.nameZh} · ${i.addressZh}`);
        w.paragraph(`${labels.phone} ${i.phone}`, { rtl });
      }
  }
  w.gap(12);
  w.paragraph(labels.demo, { size: 8, rtl, color: [0.4, 0.4, 0.4] });
  return pdf.save();
}
