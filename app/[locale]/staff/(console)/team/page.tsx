import { getTranslations } from "next-intl/server";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { localeMeta, locales } from "@/lib/i18n/locales";
import { listTeam } from "@/lib/auth/list-team";
import { inviteStaffAction } from "../../actions";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { Field, SelectField } from "@/components/ui/field";
import { FormSection } from "@/components/ui/section";
import { Cell, Row, Table } from "@/components/ui/table";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Staff.team");

export default async function TeamPage({ params }: Props) {
  const { locale } = await openPage(params);
  const scope = await staffPage("team.manage", locale, `/${locale}/staff/team`);
  const team = await listTeam(getDb(), scope.actor);
  const t = await getTranslations("Staff.team");
  const tf = await getTranslations("Staff.field");
  const tr = await getTranslations("Staff.role");
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <Table
        caption={t("title")}
        columns={[
          { label: tf("name") },
          { label: tf("email") },
          { label: tf("role") },
          { label: t("state") },
        ]}
      >
        {team.map((m) => (
          <Row key={`${m.userId}:${m.role}`}>
            <Cell>{m.name}</Cell>
            <Cell>{m.email}</Cell>
            <Cell>{tr(m.role)}</Cell>
            <Cell>{t(`states.${m.state}`)}</Cell>
          </Row>
        ))}
      </Table>
      <FormSection
        id="invite"
        title={t("invite")}
        className="max-w-lg space-y-3"
        before={<p>{t("inviteIntro")}</p>}
        action={inviteStaffAction}
        locale={locale}
        submitLabel={t("inviteSubmit")}
      >
        <Field id="name" name="name" label={tf("name")} required maxLength={120} />
        <Field id="email" name="email" label={tf("email")} type="email" required />
        <SelectField
          id="role"
          name="role"
          label={tf("role")}
          defaultValue="HOSPITAL_STAFF"
          options={(["HOSPITAL_STAFF", "HOSPITAL_MANAGER"] as const).map((r) => ({ value: r, label: tr(r) }))}
        />
        <SelectField
          id="invite-language"
          name="language"
          label={tf("emailLanguage")}
          defaultValue={locale}
          options={locales.map((l) => ({ value: l, label: localeMeta[l].nativeName, lang: l }))}
        />
      </FormSection>
    </div>
  );
}
