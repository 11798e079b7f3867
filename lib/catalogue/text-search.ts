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

const HAN = /\p{Script=Han}/u;

/**
 * Ids of institutions whose names match: a UNION of lookups, each served by
 * its own trigram index (an OR across them would read the whole table). Only
 * lookups that can match run: Chinese characters are looked for in Chinese
 * names, anything else in pinyin (without spaces, which also covers "xie he")
 * and in every translated name.
 */
export function institutionTextIds(m: TextMatch): Prisma.Sql {
  const translated = Prisma.sql`SELECT institution_id AS id FROM institution_translation WHERE name ILIKE ${m.pattern}`;
  return HAN.test(m.folded)
    ? Prisma.sql`SELECT id FROM institution WHERE name_zh ILIKE ${m.pattern} UNION ${translated}`
    : Prisma.sql`SELECT id FROM institution WHERE replace(name_pinyin, ' ', '') ILIKE ${m.compactPattern} UNION ${translated}`;
}

/** Higher for better matches: similarity of the closest name. */
export function institutionTextScore(m: TextMatch): Prisma.Sql {
  return Prisma.sql`GREATEST(
    similarity(i.name_zh, ${m.folded}),
    similarity(replace(i.name_pinyin, ' ', ''), ${m.folded.replace(/ /g, "")}),
    COALESCE((SELECT max(similarity(lower(t.name), ${m.folded})) FROM institution_translation t WHERE t.institution_id = i.id), 0)
  )`;
}
