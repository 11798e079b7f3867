import { getTranslations } from "next-intl/server";
import { defaultLocale } from "@/lib/i18n/locales";

// Only reached for paths outside the locale routing (the proxy sends every
// other unknown path to /{locale}/..., which has its own localized page).
export default async function RootNotFound() {
  const t = await getTranslations({ locale: defaultLocale, namespace: "NotFound" });
  return (
    <html lang={defaultLocale}>
      <body className="font-sans">
        <main className="mx-auto max-w-xl p-8">
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-2">{t("text")}</p>
          <a className="mt-4 inline-block text-brand-700 underline" href={`/${defaultLocale}`}>
            {t("home")}
          </a>
        </main>
      </body>
    </html>
  );
}
