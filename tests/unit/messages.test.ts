import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../lib/errors";
import { locales } from "../../lib/i18n/locales";

type Tree = { [key: string]: string | Tree };

function load(locale: string): Tree {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "../../messages", `${locale}.json`), "utf8"));
}

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments and tags a message uses (parsing also proves it is valid ICU). */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (
        el.type === TYPE.argument ||
        el.type === TYPE.number ||
        el.type === TYPE.date ||
        el.type === TYPE.time
      )
        names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        names.add(el.value);
        for (const option of Object.values(el.options)) visit(option.value);
      }
      if (el.type === TYPE.tag) {
        names.add(`<${el.value}>`);
        visit(el.children);
      }
    }
  };
  visit(parse(message, { ignoreTag: false }));
  return [...names].sort();
}

const english = flatten(load("en"));

describe("messages", () => {
  it.each(locales.filter((l) => l !== "en"))(
    "%s has exactly the keys of en.json, each non-empty, with the same placeholders",
    (locale) => {
      const messages = flatten(load(locale));
      const missing = [...english.keys()].filter((k) => !messages.has(k));
      const extra = [...messages.keys()].filter((k) => !english.has(k));
      expect(missing, `missing in ${locale}.json`).toEqual([]);
      expect(extra, `not in en.json`).toEqual([]);
      for (const [key, value] of messages) {
        expect(value.trim(), `${locale}: ${key} is empty`).not.toBe("");
        expect(placeholders(value), `${locale}: ${key} placeholders`).toEqual(
          placeholders(english.get(key)!),
        );
      }
    },
  );

  it("has a localized message for every error code", () => {
    for (const code of errorCodes) expect(english.has(`Errors.${code}`), code).toBe(true);
  });
});
