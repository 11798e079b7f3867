import { useTranslations } from "next-intl";

export function SkipLink() {
  const t = useTranslations("Shell");
  return (
    <a
      href="#main"
      className="sr-only z-50 rounded bg-brand-700 px-4 py-2 text-white focus:not-sr-only focus:absolute focus:start-2 focus:top-2"
    >
      {t("skipToContent")}
    </a>
  );
}
