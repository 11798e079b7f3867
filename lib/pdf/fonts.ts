// One home for the PDF engine's fonts: which font file draws which character.
// Each character gets a face by its script (Hangul → Noto Sans KR, kana → Noto
// Sans JP, Han by the text's language: Japanese → JP, Korean → KR, else SC;
// Thai → Noto Sans Thai; everything else → DejaVu Sans, which covers Latin with
// Vietnamese, Greek, Cyrillic with Kazakh and Mongolian letters, and Arabic).
// Characters of no script (spaces, digits, punctuation, combining marks) take
// their neighbour's face so a run is not split needlessly. A face that lacks the
// glyph hands the character to the next face that has it (ADR 0018).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { create, type Font } from "fontkit";

export const FACES = ["sans", "sc", "jp", "kr", "thai"] as const;
export type Face = (typeof FACES)[number];
export type Weight = "regular" | "bold";

const MODULES = join(process.cwd(), "node_modules");
const expo = (family: string, file: string, weight: string) =>
  join(MODULES, "@expo-google-fonts", family, weight, `${file}_${weight}.ttf`);

/** The font files, from npm packages under the SIL Open Font License (DejaVu: its own free licence). */
export const FONT_FILES: Record<Face, Record<Weight, string>> = {
  sans: {
    regular: join(MODULES, "dejavu-fonts-ttf", "ttf", "DejaVuSans.ttf"),
    bold: join(MODULES, "dejavu-fonts-ttf", "ttf", "DejaVuSans-Bold.ttf"),
  },
  sc: {
    regular: expo("noto-sans-sc", "NotoSansSC", "400Regular"),
    bold: expo("noto-sans-sc", "NotoSansSC", "700Bold"),
  },
  jp: {
    regular: expo("noto-sans-jp", "NotoSansJP", "400Regular"),
    bold: expo("noto-sans-jp", "NotoSansJP", "700Bold"),
  },
  kr: {
    regular: expo("noto-sans-kr", "NotoSansKR", "400Regular"),
    bold: expo("noto-sans-kr", "NotoSansKR", "700Bold"),
  },
  thai: {
    regular: expo("noto-sans-thai", "NotoSansThai", "400Regular"),
    bold: expo("noto-sans-thai", "NotoSansThai", "700Bold"),
  },
};

const loaded = new Map<string, Font>();

/** The parsed font of a face and weight, read once per process (fontkit reads tables lazily). */
export function loadFont(face: Face, weight: Weight): Font {
  const key = `${face}:${weight}`;
  let font = loaded.get(key);
  if (!font) {
    font = create(readFileSync(FONT_FILES[face][weight]));
    loaded.set(key, font);
  }
  return font;
}

/** Bidi controls and other invisible format characters: they steer layout and are never drawn. */
export const INVISIBLE = /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

const HANGUL = /[\p{Script=Hangul}]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u309B\u309C]/u;
const HAN =
  /[\p{Script=Han}\p{Script=Bopomofo}\u3000-\u303F\u3200-\u33FF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;
const THAI = /[\p{Script=Thai}]/u;
const NO_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** The CJK face for Han characters in a text of this language. */
export function hanFace(lang: string): Face {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  return primary === "ja" ? "jp" : primary === "ko" ? "kr" : "sc";
}

/** The face a character's script asks for, or null for characters of no script (they follow a neighbour). */
export function scriptFace(char: string, lang: string): Face | null {
  if (HANGUL.test(char)) return "kr";
  if (KANA.test(char)) return "jp";
  if (HAN.test(char)) return hanFace(lang);
  if (THAI.test(char)) return "thai";
  if (NO_SCRIPT.test(char)) return null;
  return "sans";
}

function covers(face: Face, weight: Weight, char: string): boolean {
  return loadFont(face, weight).hasGlyphForCodePoint(char.codePointAt(0)!);
}

/** The first face, the wanted one first, whose font has the character; null if none has it. */
function coveringFace(wanted: Face, char: string, lang: string, weight: Weight): Face | null {
  const order = [wanted, "sans", hanFace(lang), ...FACES] as Face[];
  return order.find((face) => covers(face, weight, char)) ?? null;
}

export interface FaceRun {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  face: Face;
}

export interface FaceChoice {
  runs: FaceRun[];
  /** Characters (drawn ones, not bidi controls) that no face has a glyph for. */
  missing: string[];
}

/** Splits a text into runs of one face each, so every drawn character has a glyph where any face has one. */
export function faceRuns(text: string, lang: string, weight: Weight): FaceChoice {
  const chars = [...text];
  const wanted = chars.map((c) => scriptFace(c, lang));
  const faces: Face[] = [];
  const missing: string[] = [];
  for (const [i, char] of chars.entries()) {
    let want = wanted[i] ?? null;
    if (want === null) {
      // A character of no script follows the previous character's face, else the next scripted one's.
      const before = faces[i - 1];
      const after = wanted.slice(i + 1).find((f) => f !== null);
      want = before && covers(before, weight, char) ? before : (after ?? before ?? "sans");
    }
    if (INVISIBLE.test(char)) {
      faces.push(want);
      continue;
    }
    const face = coveringFace(want, char, lang, weight);
    if (!face) missing.push(char);
    faces.push(face ?? want);
  }
  const runs: FaceRun[] = [];
  let offset = 0;
  chars.forEach((char, i) => {
    const last = runs.at(-1);
    const face = faces[i] ?? "sans";
    if (last && last.face === face) last.end += char.length;
    else runs.push({ start: offset, end: offset + char.length, face });
    offset += char.length;
  });
  return { runs, missing };
}
