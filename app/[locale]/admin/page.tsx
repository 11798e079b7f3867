import { getTranslations } from "next-intl/server";
import { adminPage } from "@/app/[locale]/_console/page-guard";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.home");

export default async function AdminHomePage({ params }: Props) {
  const { locale } = await openPage(params);
  await adminPage("admin.view", locale, `/${locale}/admin`);
  const t = await getTranslations("Admin.home");
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="max-w-3xl text-slate-700">{t("intro")}</p>
      <ul className="list-disc ps-5">
        <li>
          <Link href="/admin/quota" className="text-brand-700 underline">
            {t("quotaLink")}
          </Link>
        </li>
      </ul>
    </div>
  );
}
