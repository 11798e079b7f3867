// Free-text matching shared by the finders: names in every locale, the Chinese
// name and its pinyin (with or without spaces and tone marks).
import { Prisma } from "../db/generated/client";
import { offeredSql } from "./offered";

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

/**
 * Codes (specialties, conditions) whose name contains the folded text: "back
 * pain" finds "Neck and back pain", "内科" finds "内科" and "心血管内科". Names
 * are those of the reader's locale and English.
 */
export function codesNamed(folded: string, ...names: Record<string, string>[]): string[] {
  if (folded.length < 2) return [];
  const codes = new Set<string>();
  for (const list of names)
    for (const [code, name] of Object.entries(list)) {
      const label = foldText(name);
      if (label.includes(folded)) codes.add(code);
    }
  return [...codes];
}

/**
 * Ids of institutions whose care matches the text (the home page asks for a
 * specialty or a condition): a department or a TCM package named like it in
 * any language, or one of the given specialties or conditions.
 */
export function careTextIds(m: TextMatch, specialties: string[], conditions: string[]): Prisma.Sql {
  return Prisma.sql`SELECT d.institution_id AS id FROM department_translation t JOIN department d ON d.id = t.department_id WHERE t.name ILIKE ${m.pattern} AND ${offeredSql("d")}
    UNION SELECT p.institution_id AS id FROM tcm_package_translation t JOIN tcm_package p ON p.id = t.package_id WHERE t.name ILIKE ${m.pattern} AND ${offeredSql("p")}
    UNION SELECT d.institution_id AS id FROM department d WHERE d.specialty = ANY(${specialties}::text[]) AND ${offeredSql("d")}
    UNION SELECT p.institution_id AS id FROM tcm_package p WHERE p.conditions && ${conditions}::text[] AND ${offeredSql("p")}`;
}
