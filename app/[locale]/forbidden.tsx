import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export default function Forbidden() {
  const t = useTranslations("Staff.forbidden");
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="mt-3">{t("text")}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        {t("home")}
      </Link>
    </div>
  );
}
