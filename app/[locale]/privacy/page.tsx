import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { localeAlternates } from "@/lib/i18n/alternates";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Privacy" });
  return { title: t("title"), alternates: localeAlternates(locale, "/privacy") };
}

export default async function PrivacyPage({ params }: Props) {
  await openPage(params);
  const t = await getTranslations("Privacy");
  // The period this portal is configured with (BOOKING_RETENTION_DAYS), in years when it is whole years.
  const days = env().BOOKING_RETENTION_DAYS;
  const period =
    days % 365 === 0 ? t("periodYears", { count: days / 365 }) : t("periodDays", { count: days });
  const sections = [
    ["sensitiveTitle", [t("sensitiveText")]],
    ["storageTitle", [t("storageText")]],
    ["retentionTitle", [t("retentionText", { period }), t("retentionWhy")]],
    ["rightsTitle", [t("rightsText")]],
  ] as const;
  return (
    <article className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="text-lg">{t("intro")}</p>
      {sections.map(([title, paragraphs]) => (
        <section key={title}>
          <h2 className="text-xl font-semibold">{t(title)}</h2>
          {paragraphs.map((text) => (
            <p key={text} className="mt-2">
              {text}
            </p>
          ))}
        </section>
      ))}
    </article>
  );
}
