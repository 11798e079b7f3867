"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { Link, usePathname } from "@/lib/i18n/navigation";
import { localeMeta, locales } from "@/lib/i18n/locales";

/**
 * The portal's languages as plain links to the same page (query string kept): it
 * works without JavaScript, with the keyboard, and in any browser.
 */
export function LocaleSwitcher() {
  return (
    <Suspense fallback={<SwitcherList query={undefined} />}>
      <SwitcherWithQuery />
    </Suspense>
  );
}

function SwitcherWithQuery() {
  const searchParams = useSearchParams();
  return <SwitcherList query={Object.fromEntries(searchParams.entries())} />;
}

function SwitcherList({ query }: { query: Record<string, string> | undefined }) {
  const t = useTranslations("Shell.localeSwitcher");
  const current = useLocale();
  const pathname = usePathname();
  return (
    <details className="group relative">
      <summary
        className="cursor-pointer list-none rounded border border-slate-300 bg-white px-3 py-1.5 text-sm"
        aria-label={`${t("change")}: ${localeMeta[current].nativeName}`}
      >
        <span aria-hidden="true">{t("label")}: </span>
        <span lang={current}>{localeMeta[current].nativeName}</span>
      </summary>
      <ul className="absolute start-0 z-20 mt-1 w-52 rounded border border-slate-200 bg-white py-1 shadow-lg sm:start-auto sm:end-0">
        {locales.map((locale) => (
          <li key={locale}>
            <Link
              href={{ pathname, query }}
              locale={locale}
              lang={locale}
              hrefLang={locale}
              dir={localeMeta[locale].dir}
              aria-current={locale === current ? "true" : undefined}
              className={`block px-3 py-1.5 text-sm hover:bg-brand-50 ${locale === current ? "font-semibold text-brand-800" : ""}`}
            >
              {localeMeta[locale].nativeName}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
