import type { Locale } from "next-intl";
import { getTranslations } from "next-intl/server";
import { openPage } from "@/app/[locale]/page-props";

export default async function ErasedPage({ params }: { params: Promise<{ locale: Locale }> }) {
  await openPage(params);
  const t = await getTranslations("Booking");
  return (
    <div role="status" className="max-w-2xl space-y-3">
      <h1 className="text-3xl font-bold text-brand-800">{t("erasedTitle")}</h1>
      <p>{t("erasedText")}</p>
    </div>
  );
}
