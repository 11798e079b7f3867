"use client";

import { usePathname } from "next/navigation";
import { errorPageWords } from "@/lib/i18n/error-page-words";
import { defaultLocale, direction, isLocale } from "@/lib/i18n/locales";

// Last-resort boundary when the locale layout itself fails. It cannot rely on
// the i18n provider, so it takes the language from the address and its four
// strings from lib/i18n/error-page-words.ts: importing a messages file here put
// all of it into every page's JavaScript (issue 21, ADR 0031).
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const first = usePathname()?.split("/")[1];
  const locale = isLocale(first) ? first : defaultLocale;
  const t = errorPageWords[locale];
  return (
    <html lang={locale} dir={direction(locale)}>
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "2rem" }}>
        <main role="alert">
          <h1>{t.title}</h1>
          <p>{t.text}</p>
          <p>
            <strong>{t.emergency}</strong>
          </p>
          <button type="button" onClick={() => reset()}>
            {t.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
