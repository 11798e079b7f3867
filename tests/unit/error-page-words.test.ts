// The last-resort error page carries its own copy of four ErrorPage strings (so it does not bundle a
// whole messages file into every page, ADR 0031): the copy must say exactly what messages/ says.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorPageWords } from "../../lib/i18n/error-page-words";
import { locales } from "../../lib/i18n/locales";

describe("errorPageWords", () => {
  it.each(locales)("%s matches messages/%s.json's ErrorPage", (locale) => {
    const messages = JSON.parse(
      readFileSync(path.join(import.meta.dirname, "../../messages", `${locale}.json`), "utf8"),
    ) as { ErrorPage: Record<string, string> };
    const { title, text, emergency, retry } = messages.ErrorPage;
    expect(errorPageWords[locale]).toEqual({ title, text, emergency, retry });
  });

  it("has no locale the portal does not serve", () => {
    expect(Object.keys(errorPageWords).sort()).toEqual([...locales].sort());
  });
});
