import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/staff/action-form";
import { currentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { ConsoleBar } from "@/components/staff/console-bar";
import { signOutAction, signOutEverywhereAction } from "../actions";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// The console's frame. Each page checks its own permission (app/[locale]/_console/page-guard.ts);
// signed out, the pages send the browser to the sign-in page.
export default async function ConsoleLayout({ children, params }: Props) {
  const { locale } = await params;
  const actor = await currentActor();
  if (!can(actor, "console.view")) return children;
  const t = await getTranslations("Staff.nav");
  const links: [string, string][] = [
    ["", t("home")],
    ["bookings", t("bookings")],
    ["schedules", t("schedules")],
  ];
  links.push(["quota", t("quota")]);
  if (can(actor, "team.manage")) links.push(["team", t("team")]);
  if (can(actor, "audit.read")) links.push(["audit", t("audit")]);
  return (
    <div>
      <ConsoleBar
        label={t("label")}
        root="/staff"
        links={links}
        name={actor!.name}
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
      {children}
    </div>
  );
}
