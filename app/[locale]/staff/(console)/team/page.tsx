import type { Locale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { localeMeta, locales } from "@/lib/i18n/locales";
import { listTeam } from "@/lib/auth/list-team";
import { inviteStaffAction } from "../../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { TextField } from "@/components/staff/text-field";

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = staffTitle("Staff.team");

export default async function TeamPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const scope = await staffPage("team.manage", locale, `/${locale}/staff/team`);
  const team = await listTeam(getDb(), scope.actor);
  const t = await getTranslations("Staff.team");
  const tf = await getTranslations("Staff.field");
  const tr = await getTranslations("Staff.role");
  const field = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{t("title")}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="p-2 text-start">
              {tf("name")}
            </th>
            <th scope="col" className="p-2 text-start">
              {tf("email")}
            </th>
            <th scope="col" className="p-2 text-start">
              {tf("role")}
            </th>
            <th scope="col" className="p-2 text-start">
              {t("state")}
            </th>
          </tr>
        </thead>
        <tbody>
          {team.map((m) => (
            <tr key={`${m.userId}:${m.role}`} className="border-b border-slate-200">
              <td className="p-2">{m.name}</td>
              <td className="p-2">{m.email}</td>
              <td className="p-2">{tr(m.role)}</td>
              <td className="p-2">{t(`states.${m.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="invite" className="max-w-lg space-y-3">
        <h2 id="invite" className="text-xl font-semibold">
          {t("invite")}
        </h2>
        <p>{t("inviteIntro")}</p>
        <ActionForm action={inviteStaffAction} locale={locale} submitLabel={t("inviteSubmit")}>
          <TextField id="name" label={tf("name")} name="name" required maxLength={120} className={field} />
          <TextField id="email" label={tf("email")} name="email" type="email" required className={field} />
          <div>
            <label htmlFor="role" className="block font-medium">
              {tf("role")}
            </label>
            <select id="role" name="role" defaultValue="HOSPITAL_STAFF" className={field}>
              <option value="HOSPITAL_STAFF">{tr("HOSPITAL_STAFF")}</option>
              <option value="HOSPITAL_MANAGER">{tr("HOSPITAL_MANAGER")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="invite-language" className="block font-medium">
              {tf("emailLanguage")}
            </label>
            <select id="invite-language" name="language" defaultValue={locale} className={field}>
              {locales.map((l) => (
                <option key={l} value={l}>
                  {localeMeta[l].nativeName}
                </option>
              ))}
            </select>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
