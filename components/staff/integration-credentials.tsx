"use client";

// The credentials of an integration client, shown once: right after the
// client is created or its secret rotated, from the server action's answer
// (never from the page, so a reload cannot show them again). Each secret has
// a copy button; a warning says it will not be shown again.
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionForm, type ActionFormProps } from "@/components/staff/action-form";
import type { FormState } from "@/components/staff/form-state";
import { buttonClass } from "@/components/ui/button-class";

export interface IssuedCredentials {
  clientId: string;
  clientSecret: string;
  /** Only when the client has a webhook URL. */
  webhookSecret: string | null;
}

/** What the create and rotate actions answer: a FormState, with the credentials on success. */
export type CredentialsState = FormState & { credentials?: IssuedCredentials };

function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations("Staff.integrations");
  const [copied, setCopied] = useState<"copied" | "copyFailed" | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setCopied("copied"),
      () => setCopied("copyFailed"),
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" onClick={copy} className={buttonClass("quiet", "small")}>
        {t("copy")}
        <span className="sr-only"> {label}</span>
      </button>
      <span role="status" className="text-sm">
        {copied && t(copied)}
      </span>
    </span>
  );
}

function Secret({ id, testId, label, value }: { id: string; testId: string; label: string; value: string }) {
  return (
    <div className="space-y-1">
      <dt className="font-medium">{label}</dt>
      <dd className="space-y-1">
        <code
          id={id}
          data-testid={testId}
          dir="ltr"
          className="block rounded border border-slate-300 bg-white p-2 font-mono text-sm break-all"
        >
          {value}
        </code>
        <CopyButton value={value} label={label} />
      </dd>
    </div>
  );
}

export function IntegrationCredentials({ credentials }: { credentials: IssuedCredentials | undefined }) {
  const t = useTranslations("Staff.integrations");
  const id = useId();
  if (!credentials) return null;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4 text-amber-950"
    >
      <h3 id={`${id}-title`} className="font-semibold">
        {t("secretTitle")}
      </h3>
      <p role="alert">{t("secretWarning")}</p>
      <dl className="space-y-3">
        <div className="space-y-1">
          <dt className="font-medium">{t("clientId")}</dt>
          <dd>
            <code dir="ltr" className="font-mono text-sm break-all">
              {credentials.clientId}
            </code>
          </dd>
        </div>
        <Secret
          id={`${id}-secret`}
          testId="client-secret"
          label={t("clientSecret")}
          value={credentials.clientSecret}
        />
        {credentials.webhookSecret && (
          <Secret
            id={`${id}-webhook`}
            testId="webhook-secret"
            label={t("webhookSecret")}
            value={credentials.webhookSecret}
          />
        )}
      </dl>
    </section>
  );
}

/** A console form whose success shows the issued credentials once (create, rotate). */
export function CredentialsForm(props: Omit<ActionFormProps, "result">) {
  return (
    <ActionForm
      {...props}
      result={(state) => <IntegrationCredentials credentials={(state as CredentialsState).credentials} />}
    />
  );
}
