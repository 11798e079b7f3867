import "server-only";
// The <title> of a console page from its messages' "title"; the layout adds
// that no console page is indexed or sent as a referrer.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/locales";

type Titled =
  | "Staff.signIn"
  | "Staff.forgot"
  | "Staff.setPassword"
  | "Staff.home"
  | "Staff.day"
  | "Staff.schedules"
  | "Staff.schedule"
  | "Staff.team"
  | "Staff.audit"
  | "Staff.quota"
  | "Staff.verifyLetter"
  | "Staff.integrations"
  | "Admin.home"
  | "Admin.quota"
  | "Admin.rates"
  | "Admin.holidays"
  | "Admin.institutions"
  | "Admin.standard"
  | "Admin.guide"
  | "Admin.editor"
  | "Admin.catalogue";

export function staffTitle(namespace: Titled) {
  return async ({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> => {
    const { locale } = await params;
    // Each Titled namespace has a "title"; TypeScript cannot check the whole union against
    // next-intl's overloads at once, so it reads one representative and calls "title".
    const t = await getTranslations({
      locale: isLocale(locale) ? locale : "en",
      namespace: namespace as "Staff.home",
    });
    return { title: t("title") };
  };
}
