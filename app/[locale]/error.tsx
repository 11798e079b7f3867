"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

// Shown when a page fails, typically because the database is not answering.
// "Try again" re-renders the page; once the database is back it simply works.
export default function LocaleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("ErrorPage");
  return (
    <div role="alert" className="max-w-xl">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="mt-3">{t("text")}</p>
      <p className="mt-3 font-semibold text-red-700">{t("emergency")}</p>
      <div className="mt-6 flex gap-4">
        <button
          type="button"
          onClick={() => reset()}
          className="rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800"
        >
          {t("retry")}
        </button>
        <Link href="/" className="rounded px-4 py-2 text-brand-700 underline">
          {t("home")}
        </Link>
      </div>
    </div>
  );
}
