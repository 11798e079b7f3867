import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { localeAlternates } from "@/lib/i18n/alternates";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Privacy" });
  return { title: t("title"), alternates: localeAlternates(locale, "/privacy") };
}

export default async function PrivacyPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Privacy");
  const sections = [
    ["sensitiveTitle", "sensitiveText"],
    ["storageTitle", "storageText"],
    ["rightsTitle", "rightsText"],
  ] as const;
  return (
    <article className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="text-lg">{t("intro")}</p>
      {sections.map(([title, text]) => (
        <section key={title}>
          <h2 className="text-xl font-semibold">{t(title)}</h2>
          <p className="mt-2">{t(text)}</p>
        </section>
      ))}
    </article>
  );
}
