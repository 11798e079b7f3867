import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { currentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
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
  const ts = await getTranslations("Staff.nav");
  const link = "rounded px-2 py-1 text-brand-800 underline-offset-4 hover:underline";
  return (
    <NextIntlClientProvider messages={provided}>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-3">
        <nav aria-label={t("label")}>
          <ul className="flex flex-wrap gap-2">
            <li>
              <Link href="/admin" className={link}>
                {t("home")}
              </Link>
            </li>
            <li>
              <Link href="/admin/quota" className={link}>
                {t("quota")}
              </Link>
            </li>
            <li>
              <Link href="/admin/institutions" className={link}>
                {t("institutions")}
              </Link>
            </li>
            <li>
              <Link href="/admin/guide" className={link}>
                {t("guide")}
              </Link>
            </li>
            {can(actor, "rates.manage") && (
              <li>
                <Link href="/admin/rates" className={link}>
                  {t("rates")}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>{ts("signedInAs", { name: actor!.name })}</span>
          <form action={signOutAction}>
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50">
              {ts("signOut")}
            </button>
          </form>
        </div>
      </div>
      {children}
    </NextIntlClientProvider>
  );
}
