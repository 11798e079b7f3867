import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/staff/auth-card";
import { Field } from "@/components/ui/field";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/current-actor";
import { safeNext } from "@/app/[locale]/_console/page-guard";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { signInAction } from "../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
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
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      notice={
        sp.reset === "1" && (
          <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900">
            {t("passwordSet")}
          </p>
        )
      }
      action={signInAction}
      locale={locale}
      submitLabel={t("submit")}
      hidden={{ next }}
      after={
        <Link href="/staff/forgot-password" className="text-brand-700 underline">
          {t("forgot")}
        </Link>
      }
    >
      <Field id="email" name="email" label={tf("email")} type="email" autoComplete="username" required />
      <Field
        id="password"
        name="password"
        label={tf("password")}
        type="password"
        autoComplete="current-password"
        required
      />
    </AuthCard>
  );
}
