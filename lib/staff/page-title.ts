import "server-only";
// The <title> of a console page from its messages' "title"; the layout adds
// that no console page is indexed or sent as a referrer.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { isLocale } from "../i18n/locales";

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
  | "Admin.home"
  | "Admin.quota";

export function staffTitle(namespace: Titled) {
  return async ({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> => {
    const { locale } = await params;
    const t = await getTranslations({ locale: isLocale(locale) ? locale : "en", namespace });
    return { title: (t as (key: "title") => string)("title") };
  };
}
