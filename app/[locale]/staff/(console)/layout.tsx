import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/staff/action-form";
import { currentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { signOutAction, signOutEverywhereAction } from "../actions";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// The console's frame. Each page checks its own permission (app/[locale]/_console/page-guard.ts);
// signed out, the pages send the browser to the sign-in page.
export default async function ConsoleLayout({ children, params }: Props) {
  const { locale } = await params;
  const actor = await currentActor();
  if (!can(actor, "console.view")) return children;
  const t = await getTranslations("Staff.nav");
  const link = "rounded px-2 py-1 text-brand-800 underline-offset-4 hover:underline";
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-3">
        <nav aria-label={t("label")}>
          <ul className="flex flex-wrap gap-2">
            <li>
              <Link href="/staff" className={link}>
                {t("home")}
              </Link>
            </li>
            <li>
              <Link href="/staff/bookings" className={link}>
                {t("bookings")}
              </Link>
            </li>
            <li>
              <Link href="/staff/schedules" className={link}>
                {t("schedules")}
              </Link>
            </li>
            <li>
              <Link href="/staff/quota" className={link}>
                {t("quota")}
              </Link>
            </li>
            {can(actor, "team.manage") && (
              <li>
                <Link href="/staff/team" className={link}>
                  {t("team")}
                </Link>
              </li>
            )}
            {can(actor, "audit.read") && (
              <li>
                <Link href="/staff/audit" className={link}>
                  {t("audit")}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t("signedInAs", { name: actor!.name })}</span>
          <form action={signOutAction}>
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50">
              {t("signOut")}
            </button>
          </form>
          <ActionForm
            action={signOutEverywhereAction}
            locale={locale}
            submitLabel={t("signOutEverywhere")}
            tone="quiet"
            className="flex items-center gap-2"
          />
        </div>
      </div>
      {children}
    </div>
  );
}
