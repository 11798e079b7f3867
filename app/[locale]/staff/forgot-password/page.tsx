import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/staff/auth-card";
import { Field } from "@/components/ui/field";
import { Link } from "@/lib/i18n/navigation";
import { requestPasswordResetAction } from "../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.forgot");

export default async function ForgotPasswordPage({ params }: Props) {
  const { locale } = await openPage(params);
  const t = await getTranslations("Staff.forgot");
  const tf = await getTranslations("Staff.field");
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      action={requestPasswordResetAction}
      locale={locale}
      submitLabel={t("submit")}
      after={
        <Link href="/staff/sign-in" className="text-brand-700 underline">
          {t("back")}
        </Link>
      }
    >
      <Field id="email" name="email" label={tf("email")} type="email" autoComplete="username" required />
    </AuthCard>
  );
}
