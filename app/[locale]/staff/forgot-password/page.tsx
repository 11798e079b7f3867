import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { Link } from "@/lib/i18n/navigation";
import { requestPasswordResetAction } from "../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { TextField } from "@/components/staff/text-field";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.forgot");

export default async function ForgotPasswordPage({ params }: Props) {
  const { locale } = await openPage(params);
  const t = await getTranslations("Staff.forgot");
  const tf = await getTranslations("Staff.field");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      <ActionForm
        action={requestPasswordResetAction}
        locale={locale}
        submitLabel={t("submit")}
        className="mt-6 space-y-4"
      >
        <TextField
          id="email"
          label={tf("email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
        />
      </ActionForm>
      <p className="mt-6">
        <Link href="/staff/sign-in" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
