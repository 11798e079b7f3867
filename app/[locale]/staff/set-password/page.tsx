import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { PASSWORD_MIN } from "@/lib/auth/password";
import { setPasswordAction } from "../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { TextField } from "@/components/staff/text-field";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.setPassword");

export default async function SetPasswordPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const token = (await searchParams).token;
  const t = await getTranslations("Staff.setPassword");
  const tf = await getTranslations("Staff.field");
  const input = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro", { min: PASSWORD_MIN })}</p>
      <ActionForm
        action={setPasswordAction}
        locale={locale}
        submitLabel={t("submit")}
        className="mt-6 space-y-4"
      >
        <input type="hidden" name="token" value={typeof token === "string" ? token : ""} />
        <TextField
          id="password"
          label={tf("password")}
          hint={t("hint", { min: PASSWORD_MIN })}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          required
          className={input}
        />
        <TextField
          id="confirmPassword"
          label={tf("confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          className={input}
        />
      </ActionForm>
    </div>
  );
}
