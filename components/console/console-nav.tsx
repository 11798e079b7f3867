"use client";
// The console's own navigation: its pages as links, the current one marked
// (aria-current) so it is heard as well as seen.
import { Link, usePathname } from "@/lib/i18n/navigation";

type Props = {
  label: string;
  /** Each link: its path ("/staff", "/staff/bookings") and its text. */
  links: [href: string, text: string][];
};

export function ConsoleNav({ label, links }: Props) {
  const pathname = usePathname();
  // The root is current only on itself; a section also on the pages below it.
  const root = links[0]?.[0];
  const isCurrent = (href: string) =>
    href === root ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-x-1 gap-y-1">
        {links.map(([href, text]) => {
          const current = isCurrent(href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded px-2 py-1 text-sm font-medium underline-offset-4 hover:underline ${
                  current ? "bg-white text-brand-800 underline decoration-2" : "text-slate-800"
                }`}
              >
                {text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
