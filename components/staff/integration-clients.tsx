// The integration clients of the manager's institution, one card each (a
// description list reads well on a phone where a six-column table would
// not): name, client id, scopes, webhook, created, last used, state. A live
// client has its two changes behind a confirmation each (a <details> that
// works without JavaScript): rotate the secret (the new one is shown once)
// and revoke.
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { IntegrationClientView } from "@/lib/integration/integration-client-view";
import type { IntegrationScope } from "@/lib/integration/scopes";
import type { ActionFormProps } from "@/components/staff/action-form";
import { ActionForm } from "@/components/staff/action-form";
import { CredentialsForm } from "@/components/staff/integration-credentials";
import { buttonClass } from "@/components/ui/button-class";
import { beijingFormat } from "@/components/ui/formats";
import { StatusBadge } from "@/components/ui/status-badge";

type Action = ActionFormProps["action"];

/** The key of a scope's label under Staff.integrations.scope. */
export const scopeKey: Record<IntegrationScope, "slotsWrite" | "appointmentsRead" | "webhooks"> = {
  "slots:write": "slotsWrite",
  "appointments:read": "appointmentsRead",
  webhooks: "webhooks",
};

function Confirm({
  label,
  children,
  tone,
}: {
  label: string;
  children: ReactNode;
  tone: "quiet" | "danger";
}) {
  return (
    <details className="group">
      <summary className={`${buttonClass(tone, "small")} inline-block cursor-pointer list-none`}>
        {label}
      </summary>
      <div className="mt-2 space-y-2 rounded border border-slate-300 bg-slate-50 p-3">{children}</div>
    </details>
  );
}

export async function IntegrationClients({
  clients,
  locale,
  rotateAction,
  revokeAction,
}: {
  clients: IntegrationClientView[];
  locale: string;
  rotateAction: Action;
  revokeAction: Action;
}) {
  const t = await getTranslations("Staff.integrations");
  const when = beijingFormat(locale, "medium", "short");
  return (
    <ul className="space-y-4">
      {clients.map((c) => (
        <li key={c.id}>
          <article
            aria-labelledby={`client-${c.id}`}
            data-testid="integration-client"
            className="space-y-3 rounded border border-slate-200 p-4"
          >
            <div className="flex flex-wrap items-center gap-2">
              <h3 id={`client-${c.id}`} className="text-lg font-semibold break-words">
                {c.name}
              </h3>
              <StatusBadge tone={c.status === "active" ? "good" : "bad"}>
                {t(`states.${c.status}`)}
              </StatusBadge>
            </div>
            <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
              <dt className="font-medium">{t("clientId")}</dt>
              <dd>
                <code dir="ltr" className="font-mono text-sm break-all">
                  {c.clientId}
                </code>
              </dd>
              <dt className="font-medium">{t("scopes")}</dt>
              <dd>
                <ul className="list-disc ps-5">
                  {c.scopes.map((s) => (
                    <li key={s}>{t(`scope.${scopeKey[s]}`)}</li>
                  ))}
                </ul>
              </dd>
              {c.webhookUrl && (
                <>
                  <dt className="font-medium">{t("webhookUrl")}</dt>
                  <dd dir="ltr" className="text-start break-all">
                    {c.webhookUrl}
                  </dd>
                </>
              )}
              <dt className="font-medium">{t("created")}</dt>
              <dd>{when.format(c.createdAt)}</dd>
              {c.rotatedAt && (
                <>
                  <dt className="font-medium">{t("rotated")}</dt>
                  <dd>{when.format(c.rotatedAt)}</dd>
                </>
              )}
              <dt className="font-medium">{t("lastUsed")}</dt>
              <dd>{c.lastUsedAt ? when.format(c.lastUsedAt) : t("never")}</dd>
              {c.revokedAt && (
                <>
                  <dt className="font-medium">{t("revoked")}</dt>
                  <dd>{when.format(c.revokedAt)}</dd>
                </>
              )}
            </dl>
            {c.status === "active" && (
              <div className="flex flex-wrap items-start gap-3">
                <Confirm label={t("rotate")} tone="quiet">
                  <p>{t("rotateConfirm")}</p>
                  <CredentialsForm
                    action={rotateAction}
                    locale={locale}
                    hidden={{ client: c.id }}
                    submitLabel={t("rotateSubmit")}
                  />
                </Confirm>
                <Confirm label={t("revoke")} tone="danger">
                  <p>{t("revokeConfirm")}</p>
                  <ActionForm
                    action={revokeAction}
                    locale={locale}
                    hidden={{ client: c.id }}
                    submitLabel={t("revokeSubmit")}
                    tone="danger"
                  />
                </Confirm>
              </div>
            )}
          </article>
        </li>
      ))}
    </ul>
  );
}
