"use client";
// The site's main sections. Its links do not prefetch: on every page view they
// made 8-12 background requests, each a server render of a dynamic page and
// main-thread work in a phone's browser while the page was still becoming
// interactive (issue 21, ADR 0031); a click still navigates client-side.

import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/lib/i18n/navigation";

const items = [
  { href: "/hospitals", key: "hospitals" },
  { href: "/packages", key: "packages" },
  { href: "/payment", key: "payment" },
  { href: "/guide", key: "guide" },
] as const;

export function MainNav() {
  const t = useTranslations("Shell");
  const pathname = usePathname();
  return (
    <nav aria-label={t("navLabel")} className="mx-auto max-w-6xl px-4">
      <ul className="flex flex-wrap gap-x-6 gap-y-1 pb-2">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                prefetch={false}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded py-1 text-sm font-medium hover:text-brand-700 hover:underline ${
                  current ? "text-brand-800 underline decoration-2 underline-offset-4" : "text-slate-700"
                }`}
              >
                {t(`nav.${item.key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
