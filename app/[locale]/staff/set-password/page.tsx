import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/staff/auth-card";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/lib/auth/password";
import { setPasswordAction } from "../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.setPassword");

export default async function SetPasswordPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const token = (await searchParams).token;
  const t = await getTranslations("Staff.setPassword");
  const tf = await getTranslations("Staff.field");
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro", { min: PASSWORD_MIN })}
      action={setPasswordAction}
      locale={locale}
      submitLabel={t("submit")}
      hidden={{ token: typeof token === "string" ? token : "" }}
    >
      <Field
        id="password"
        name="password"
        label={tf("password")}
        hint={t("hint", { min: PASSWORD_MIN })}
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        required
      />
      <Field
        id="confirmPassword"
        name="confirmPassword"
        label={tf("confirmPassword")}
        type="password"
        autoComplete="new-password"
        required
      />
    </AuthCard>
  );
}
