import type { Metadata } from "next";
import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { PASSWORD_MIN } from "@/lib/auth/password";
import { setPasswordAction } from "../actions";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Staff.setPassword" });
  // The link carries a secret: never indexed, never sent as a referrer.
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function SetPasswordPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
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
        <div>
          <label htmlFor="password" className="block font-medium">
            {tf("password")}
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            required
            className={input}
            aria-describedby="password-hint"
          />
          <p id="password-hint" className="mt-1 text-sm text-slate-600">
            {t("hint", { min: PASSWORD_MIN })}
          </p>
        </div>
        <div>
          <label htmlFor="confirmPassword" className="block font-medium">
            {tf("confirmPassword")}
          </label>
          <input
            id="confirmPassword"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            className={input}
          />
        </div>
      </ActionForm>
    </div>
  );
}
