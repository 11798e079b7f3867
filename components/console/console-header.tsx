// The consoles' own header (staff and admin), in place of the patient site's:
// the product and which console this is, where the user acts (institution or
// cities), who is signed in and in which role, signing out, the language, the
// console's pages, and a way back to the public site.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { SubmitButton } from "@/components/ui/button";
import { Link } from "@/lib/i18n/navigation";
import { ConsoleNav } from "./console-nav";

type Props = {
  /** "Staff console" or the admin console's name. */
  consoleName: string;
  /** The console's root ("/staff", "/admin"). */
  root: string;
  /** The console's pages: path and text, the root first. */
  links: [href: string, text: string][];
  /** The institution or the cities the user acts for. */
  place: string;
  name: string;
  roleLabel: string;
  locale: string;
  signOutAction: (formData: FormData) => Promise<void>;
  /** More controls after signing out (the staff console's "sign out everywhere"). */
  more?: ReactNode;
};

export async function ConsoleHeader(props: Props) {
  const { consoleName, root, links, place, name, roleLabel, locale, signOutAction, more } = props;
  const tShell = await getTranslations("Shell");
  const t = await getTranslations("Console");
  const tNav = await getTranslations("Staff.nav");
  const tw = await getTranslations("Staff");
  return (
    <header className="border-b-4 border-brand-700 bg-slate-100 print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-start justify-between gap-x-6 gap-y-2 px-4 pt-3">
        <div className="min-w-0">
          <Link href={root} className="inline-block rounded">
            <span className="font-bold text-brand-800">{tShell("brand")}</span>
            <span className="text-slate-700"> · </span>
            <span className="font-semibold text-slate-900">{consoleName}</span>
          </Link>
          <p className="text-sm text-slate-700" data-testid="console-place">
            {place}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <LocaleSwitcher />
          <Link href="/" className="text-brand-700 underline">
            {t("publicSite")}
          </Link>
        </div>
      </div>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-2">
        <ConsoleNav label={consoleName} links={links} />
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <p data-testid="console-user">
            <span className="font-medium">{tNav("signedInAs", { name })}</span>
            <span className="text-slate-700"> · {roleLabel}</span>
          </p>
          <form action={signOutAction}>
            <input type="hidden" name="locale" value={locale} />
            <SubmitButton tone="quiet" size="small" pendingLabel={tw("working")}>
              {tNav("signOut")}
            </SubmitButton>
          </form>
          {more}
        </div>
      </div>
    </header>
  );
}

/** The frame of a console page whose user is signed out (sign-in, forgotten password): the product, the console, the language. */
export async function SignedOutHeader({ consoleName }: { consoleName: string }) {
  const tShell = await getTranslations("Shell");
  const t = await getTranslations("Console");
  return (
    <header className="border-b-4 border-brand-700 bg-slate-100 print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <p>
          <span className="font-bold text-brand-800">{tShell("brand")}</span>
          <span className="text-slate-700"> · </span>
          <span className="font-semibold text-slate-900">{consoleName}</span>
        </p>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <LocaleSwitcher />
          <Link href="/" className="text-brand-700 underline">
            {t("publicSite")}
          </Link>
        </div>
      </div>
    </header>
  );
}
