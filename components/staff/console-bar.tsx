// The bar above both consoles' pages (staff and admin): the console's links,
// who is signed in, and signing out (and, in the staff console, everywhere).
import type { ComponentProps, ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/ui/button";
import { Link } from "@/lib/i18n/navigation";

type Props = {
  label: string;
  links: { href: ComponentProps<typeof Link>["href"]; text: string }[];
  name: string;
  locale: string;
  signOutAction: (formData: FormData) => Promise<void>;
  /** More controls after signing out (the staff console's "sign out everywhere"). */
  more?: ReactNode;
};

export async function ConsoleBar({ label, links, name, locale, signOutAction, more }: Props) {
  const t = await getTranslations("Staff.nav");
  const tw = await getTranslations("Staff");
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-3">
      <nav aria-label={label}>
        <ul className="flex flex-wrap gap-2">
          {links.map((l) => (
            <li key={l.text}>
              <Link
                href={l.href}
                className="rounded px-2 py-1 text-brand-800 underline-offset-4 hover:underline"
              >
                {l.text}
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
