import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ConsoleHeader, SignedOutHeader } from "@/components/console/console-header";
import { Main } from "@/components/shell/main";
import { currentActor } from "@/lib/auth/current-actor";
import { consoleIdentity } from "@/lib/auth/console-identity";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { signOutAction } from "../staff/actions";

// Like the staff console: never indexed, never sent as a referrer.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// The health commission's console frame: its own header, not the patient site's. Each page checks
// its own permission (app/[locale]/_console/page-guard.ts adminPage); signed out, pages send the
// browser to sign in, and anyone else without the console sees the minimal frame.
export default async function AdminLayout({ children, params }: Props) {
  const { locale } = await params;
  const messages = await getMessages();
  const actor = await currentActor();
  const provided = { Staff: messages.Staff, Admin: messages.Admin, Shell: messages.Shell };
  const t = await getTranslations("Admin.nav");
  if (!can(actor, "admin.view"))
    return (
      <NextIntlClientProvider messages={provided}>
        <SignedOutHeader consoleName={t("label")} />
        <Main>{children}</Main>
      </NextIntlClientProvider>
    );
  const [identity, tr, tc] = await Promise.all([
    consoleIdentity(getDb(), actor, "admin", locale),
    getTranslations("Staff.role"),
    getTranslations("Console"),
  ]);
  const links: [string, string][] = [
    ["/admin", t("home")],
    ["/admin/quota", t("quota")],
    ["/admin/institutions", t("institutions")],
    ["/admin/import", t("import")],
    ["/admin/guide", t("guide")],
    ["/admin/translations", t("translations")],
  ];
  if (can(actor, "rates.manage")) links.push(["/admin/rates", t("rates")]);
  if (can(actor, "holidays.manage")) links.push(["/admin/holidays", t("holidays")]);
  return (
    <NextIntlClientProvider messages={provided}>
      <ConsoleHeader
        consoleName={t("label")}
        root="/admin"
        links={links}
        place={identity.place ?? tc("allCities")}
        name={identity.name}
        roleLabel={tr(identity.role)}
        locale={locale}
        signOutAction={signOutAction}
      />
      <Main>{children}</Main>
    </NextIntlClientProvider>
  );
}
