// The bar above both consoles' pages (staff and admin): the console's links,
// who is signed in, and signing out (and, in the staff console, everywhere).
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/ui/button";
import { Link } from "@/lib/i18n/navigation";

type Props = {
  label: string;
  /** Each link: its path below the console's root ("" for the root) and its text. */
  root: "/staff" | "/admin";
  links: [path: string, text: string][];
  name: string;
  locale: string;
  signOutAction: (formData: FormData) => Promise<void>;
  /** More controls after signing out (the staff console's "sign out everywhere"). */
  more?: ReactNode;
};

export async function ConsoleBar({ label, root, links, name, locale, signOutAction, more }: Props) {
  const t = await getTranslations("Staff.nav");
  const tw = await getTranslations("Staff");
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-3">
      <nav aria-label={label}>
        <ul className="flex flex-wrap gap-2">
          {links.map(([path, text]) => (
            <li key={text}>
              <Link
                href={path ? `${root}/${path}` : root}
                className="rounded px-2 py-1 text-brand-800 underline-offset-4 hover:underline"
              >
                {text}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>{t("signedInAs", { name })}</span>
        <form action={signOutAction}>
          <input type="hidden" name="locale" value={locale} />
          <SubmitButton tone="quiet" size="small" pendingLabel={tw("working")}>
            {t("signOut")}
          </SubmitButton>
        </form>
        {more}
      </div>
    </div>
  );
}
