// The top of a page: an optional way back, the one <h1>, and what follows it
// (a subtitle, a state line).
import type { ComponentProps, ReactNode } from "react";
import { Link } from "@/lib/i18n/navigation";

type Props = {
  back?: { href: ComponentProps<typeof Link>["href"]; label: string };
  title: ReactNode;
  /** The sentence under the title; `lead` sets it larger. */
  intro?: ReactNode;
  lead?: boolean;
  children?: ReactNode;
};

export function PageHeader({ back, title, intro, lead, children }: Props) {
  return (
    <div>
      {back && (
        <Link href={back.href} className="text-brand-700 underline">
          {back.label}
        </Link>
      )}
      <h1 className={`${back ? "mt-2 " : ""}text-3xl font-bold text-brand-800`}>{title}</h1>
      {intro && <p className={`mt-2 max-w-3xl ${lead ? "text-lg " : ""}text-slate-700`}>{intro}</p>}
      {children}
    </div>
  );
}
