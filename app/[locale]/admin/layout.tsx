import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { currentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { ConsoleBar } from "@/components/staff/console-bar";
import { signOutAction } from "../staff/actions";

// Like the staff console: never indexed, never sent as a referrer.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// The health commission's console frame. Each page checks its own permission
// (app/[locale]/_console/page-guard.ts adminPage); signed out, pages send the browser to sign in.
export default async function AdminLayout({ children, params }: Props) {
  const { locale } = await params;
  const messages = await getMessages();
  const actor = await currentActor();
  const provided = { Staff: messages.Staff, Admin: messages.Admin };
  if (!can(actor, "admin.view"))
    return <NextIntlClientProvider messages={provided}>{children}</NextIntlClientProvider>;
  const t = await getTranslations("Admin.nav");
  const links: [string, string][] = [
    ["", t("home")],
    ["quota", t("quota")],
  ];
  links.push(["institutions", t("institutions")], ["guide", t("guide")]);
  if (can(actor, "rates.manage")) links.push(["rates", t("rates")]);
  return (
    <NextIntlClientProvider messages={provided}>
      <ConsoleBar
        root="/admin"
        label={t("label")}
        links={links}
        name={actor!.name}
        locale={locale}
        signOutAction={signOutAction}
      />
      {children}
    </NextIntlClientProvider>
  );
}
