// Templates that never inflect a value (issue 16, "Russian and other inflected
// languages"): a name, a place or a date put into running text needs a case,
// a gender or a preposition the template cannot know ("на пятница", "в Больница…").
// So such a value is only ever written as a label's value ("Дата: пятница,
// 4 декабря"), alone on its line, or in brackets or a list: this test reads
// every message of every locale and fails on one that puts it mid-sentence.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { locales } from "../../lib/i18n/locales";

/** ICU arguments that hold names, places, weekdays or dates (by the names our templates give them). */
const INFLECTED_KINDS = new Set([
  "hospital",
  "institution",
  "department",
  "package",
  "service",
  "city",
  "weekday",
  "date",
  "day",
  "month",
  "earliest",
  "name",
  "by",
  "insurer",
  "what",
  "where",
  "when",
  "time",
]);

/**
 * The one message allowed to put such a value inside its text: zh's guide title
 * ("{city}外国人就医指南"; Chinese does not inflect). None may be added.
 */
const NOT_YET_REWORDED = new Set<string>(["Guide.title"]);

// What may come right before the value (after a label, at a line's start, in brackets, after a · separator)…
const OPENS = /(^|[:：(（·•]\s*|\n\s*)$/;
// …and right after it (the line's end, a bracket, a list or a sentence's end, or the value is itself a label).
const CLOSES = /^(\s*$|\s*[\n:：()（）,，،、;；؛·•.。!！?？])/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const full = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [[full, value] as [string, string]] : flatten(value, full);
  });
}

/** Each argument of a kind above with the text just before and after it in its sequence. */
function placements(message: string): { name: string; before: string; after: string }[] {
  const found: { name: string; before: string; after: string }[] = [];
  const text = (el: MessageFormatElement | undefined) =>
    el?.type === TYPE.literal ? el.value : el?.type === TYPE.pound ? "#" : "";
  const visit = (elements: MessageFormatElement[]) => {
    elements.forEach((el, i) => {
      if (
        (el.type === TYPE.argument || el.type === TYPE.date || el.type === TYPE.time) &&
        INFLECTED_KINDS.has(el.value)
      )
        found.push({ name: el.value, before: text(elements[i - 1]), after: text(elements[i + 1]) });
      if (el.type === TYPE.plural || el.type === TYPE.select)
        for (const option of Object.values(el.options)) visit(option.value);
      if (el.type === TYPE.tag) visit(el.children);
    });
  };
  visit(parse(message, { ignoreTag: false }));
  return found;
}

/** The messages of `locale` that put a name, place or date mid-sentence. */
function midSentenceValues(messages: Tree): string[] {
  return flatten(messages).flatMap(([key, message]) =>
    placements(message)
      .filter(({ before, after }) => !OPENS.test(before) || !CLOSES.test(after))
      .map(({ name }) => `${key} {${name}}`),
  );
}

const load = (locale: string): Tree =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, "../../messages", `${locale}.json`), "utf8"));

describe("templates never inflect a value", () => {
  it.each(locales)("%s writes names, places and dates as a label's value, never mid-sentence", (locale) => {
    const offending = midSentenceValues(load(locale)).filter(
      (entry) => !NOT_YET_REWORDED.has(entry.split(" ")[0]!),
    );
    expect(offending).toEqual([]);
  });

  it("tells a label's value from a value in running text", () => {
    const verdict = (message: string) => midSentenceValues({ m: message }).length === 0;
    expect(verdict("Дата: {date}")).toBe(true);
    expect(verdict("Больница: {hospital}\nДата: {date}.")).toBe(true);
    expect(verdict("{month}: мест нет")).toBe(true);
    expect(verdict("Прямой расчёт (страховщик: {insurer}, полис …{last4})")).toBe(true);
    expect(verdict("Запись на {date} подтверждена")).toBe(false);
    expect(verdict("Мы ждём вас в {hospital}.")).toBe(false);
    expect(verdict("{insurer} гарантировал оплату")).toBe(false);
    expect(verdict("Здравствуйте, {name}!")).toBe(false);
    expect(verdict("{count, plural, one {# запись на {date}} other {# записей}}")).toBe(false);
  });
});
