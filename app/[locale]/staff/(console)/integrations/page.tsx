// The hospital manager's integration clients: the hospital's own systems
// (HIS) that publish slots and receive bookings through the FHIR API with
// OAuth 2.0 client credentials (ADR 0021). Create one (its secret is shown
// once), rotate its secret, revoke it.
import { getTranslations } from "next-intl/server";
import { staffPage } from "@/app/[locale]/_console/page-guard";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { openPage, type PageProps } from "@/app/[locale]/page-props";
import { getDb } from "@/lib/db/client";
import { TOKEN_PATH } from "@/lib/fhir/auth/capability";
import { fhirBaseUrl, fhirUrl } from "@/lib/fhir/systems";
import { listIntegrationClients } from "@/lib/integration/list-integration-clients";
import { INTEGRATION_SCOPES } from "@/lib/integration/scopes";
import { IntegrationClients, scopeKey } from "@/components/staff/integration-clients";
import { CredentialsForm } from "@/components/staff/integration-credentials";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import {
  createIntegrationClientAction,
  revokeIntegrationClientAction,
  rotateIntegrationSecretAction,
} from "../../actions";

export const generateMetadata = staffTitle("Staff.integrations");

export default async function IntegrationsPage({ params }: PageProps) {
  const { locale } = await openPage(params);
  const scope = await staffPage("integrations.manage", locale, `/${locale}/staff/integrations`);
  const clients = await listIntegrationClients(getDb(), scope.actor);
  const t = await getTranslations("Staff.integrations");
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")}>
        <dl className="mt-4 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("fhirBase")}</dt>
          <dd dir="ltr" className="text-start break-all">
            <code>{fhirBaseUrl()}</code>
          </dd>
          <dt className="font-medium">{t("tokenEndpoint")}</dt>
          <dd dir="ltr" className="text-start break-all">
            <code>{fhirUrl(TOKEN_PATH)}</code>
          </dd>
        </dl>
      </PageHeader>
      <Section id="clients" title={t("listTitle")}>
        {clients.length === 0 ? (
          <p className="rounded border border-slate-200 bg-slate-50 p-4">{t("empty")}</p>
        ) : (
          <IntegrationClients
            clients={clients}
            locale={locale}
            rotateAction={rotateIntegrationSecretAction}
            revokeAction={revokeIntegrationClientAction}
          />
        )}
      </Section>
      <Section id="create" title={t("createTitle")} intro={t("createIntro")} className="max-w-xl space-y-3">
        <CredentialsForm
          action={createIntegrationClientAction}
          locale={locale}
          submitLabel={t("createSubmit")}
        >
          <Field id="name" name="name" label={t("name")} hint={t("nameHint")} required maxLength={80} />
          <CheckboxGroup
            legend={t("scopes")}
            prefix="scope-"
            options={INTEGRATION_SCOPES.map((s) => ({ value: s, label: t(`scope.${scopeKey[s]}`) }))}
          />
          <Field
            id="webhookUrl"
            name="webhookUrl"
            type="url"
            dir="ltr"
            label={t("webhookUrl")}
            hint={t("webhookHint")}
            maxLength={2000}
            pattern="https://.+"
            placeholder="https://"
          />
        </CredentialsForm>
      </Section>
    </div>
  );
}
