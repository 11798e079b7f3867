import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/staff/action-form";
import { currentActor } from "@/lib/auth/current-actor";
import { safeNext } from "@/app/[locale]/_console/page-guard";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { signInAction } from "../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { TextField } from "@/components/staff/text-field";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.signIn");

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const next = safeNext(locale, sp.next);
  // Already signed in as staff: straight to the console.
  const actor = await currentActor();
  if (can(actor, "console.view") || can(actor, "admin.view")) redirect(next);
  const t = await getTranslations("Staff.signIn");
  const tf = await getTranslations("Staff.field");
  const input = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      {sp.reset === "1" && (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900">
          {t("passwordSet")}
        </p>
      )}
      <ActionForm action={signInAction} locale={locale} submitLabel={t("submit")} className="mt-6 space-y-4">
        <input type="hidden" name="next" value={next} />
        <TextField
          id="email"
          label={tf("email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          className={input}
        />
        <TextField
          id="password"
          label={tf("password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={input}
        />
      </ActionForm>
      <p className="mt-6">
        <Link href="/staff/forgot-password" className="text-brand-700 underline">
          {t("forgot")}
        </Link>
      </p>
    </div>
  );
}
