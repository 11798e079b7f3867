import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ConsoleHeader, SignedOutHeader } from "@/components/console/console-header";
import { Main } from "@/components/shell/main";
import { ActionForm } from "@/components/staff/action-form";
import { currentActor } from "@/lib/auth/current-actor";
import { consoleIdentity } from "@/lib/auth/console-identity";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { signOutAction, signOutEverywhereAction } from "../actions";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// The staff console's frame: its own header (not the patient site's). Each page checks its own
// permission (app/[locale]/_console/page-guard.ts); signed out, the pages send the browser to
// the sign-in page, and anyone else without the console sees the minimal frame.
export default async function ConsoleLayout({ children, params }: Props) {
  const { locale } = await params;
  const actor = await currentActor();
  const t = await getTranslations("Staff.nav");
  if (!can(actor, "console.view"))
    return (
      <>
        <SignedOutHeader consoleName={t("label")} />
        <Main>{children}</Main>
      </>
    );
  const [identity, tr] = await Promise.all([
    consoleIdentity(getDb(), actor, "staff", locale),
    getTranslations("Staff.role"),
  ]);
  const links: [string, string][] = [
    ["/staff", t("home")],
    ["/staff/bookings", t("bookings")],
    ["/staff/schedules", t("schedules")],
    ["/staff/quota", t("quota")],
    ["/staff/visa-letters", t("verifyLetter")],
  ];
  if (can(actor, "team.manage")) links.push(["/staff/team", t("team")]);
  if (can(actor, "audit.read")) links.push(["/staff/audit", t("audit")]);
  if (can(actor, "integrations.manage")) links.push(["/staff/integrations", t("integrations")]);
  return (
    <>
      <ConsoleHeader
        consoleName={t("label")}
        root="/staff"
        links={links}
        place={identity.place ?? ""}
        name={identity.name}
        roleLabel={tr(identity.role)}
        locale={locale}
        signOutAction={signOutAction}
        more={
          <ActionForm
            action={signOutEverywhereAction}
            locale={locale}
            submitLabel={t("signOutEverywhere")}
            tone="quiet"
            className="flex items-center gap-2"
          />
        }
      />
      <Main>{children}</Main>
    </>
  );
}
