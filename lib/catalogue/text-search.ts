// Free-text matching shared by the finders: names in every locale, the Chinese
// name and its pinyin (with or without spaces and tone marks).
import { Prisma } from "../db/generated/client";

/** "Xiéhé" -> "xiehe"; "Peking  Union" -> "peking union". */
export function foldText(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** A LIKE pattern that matches the text anywhere, with %, _ and \ taken literally. */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface TextMatch {
  pattern: string;
  compactPattern: string;
  folded: string;
}

export function textMatch(q: string): TextMatch {
  const folded = foldText(q);
  return {
    folded,
    pattern: containsPattern(folded),
    compactPattern: containsPattern(folded.replace(/ /g, "")),
  };
}

/** SQL condition on institution alias `i` (uses the trigram indexes). */
export function institutionTextCondition(m: TextMatch): Prisma.Sql {
  return Prisma.sql`(
    i.name_zh ILIKE ${m.pattern}
    OR i.name_pinyin ILIKE ${m.pattern}
    OR replace(i.name_pinyin, ' ', '') ILIKE ${m.compactPattern}
    OR EXISTS (SELECT 1 FROM institution_translation t WHERE t.institution_id = i.id AND t.name ILIKE ${m.pattern})
  )`;
}

/** Higher for better matches: similarity of the closest name. */
export function institutionTextScore(m: TextMatch): Prisma.Sql {
  return Prisma.sql`GREATEST(
    similarity(i.name_zh, ${m.folded}),
    similarity(replace(i.name_pinyin, ' ', ''), ${m.folded.replace(/ /g, "")}),
    COALESCE((SELECT max(similarity(lower(t.name), ${m.folded})) FROM institution_translation t WHERE t.institution_id = i.id), 0)
  )`;
}
