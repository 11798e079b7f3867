import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { LocaleSwitcher } from "./locale-switcher";
import { MainNav } from "./main-nav";

export function Header() {
  const t = useTranslations("Shell");
  return (
    <header className="border-b border-slate-200 bg-brand-50">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" prefetch={false} className="flex flex-col rounded">
          <span className="text-lg font-bold text-brand-800">{t("brand")}</span>
          <span className="text-sm text-slate-600">{t("tagline")}</span>
        </Link>
        <div className="print:hidden">
          <LocaleSwitcher />
        </div>
      </div>
      <div className="print:hidden">
        <MainNav />
      </div>
    </header>
  );
}
