"use client";

// A console form posting to a server action: shows the pending state, then
// announces the answer (errors as an alert naming each field, success as a
// status with its details). Works without JavaScript too (plain form post).
import { useTranslations } from "next-intl";
import { startTransition, useActionState, type FormEvent, type ReactNode } from "react";
import type { FormState } from "@/components/staff/form-state";
import { buttonClass, type Tone } from "@/components/ui/button-class";

export type ActionFormProps = {
  action: (previous: FormState | null, formData: FormData) => Promise<FormState>;
  locale: string;
  submitLabel: string;
  /** Hidden inputs the action reads (the record's reference, its version…). */
  hidden?: Record<string, string | number>;
  children?: ReactNode;
  tone?: Tone;
  className?: string;
  /** More to show after a successful answer, from the action's own state (e.g. a secret shown once). */
  result?: (state: FormState) => ReactNode;
};

export function ActionForm({
  action,
  locale,
  submitLabel,
  hidden,
  children,
  tone,
  className,
  result,
}: ActionFormProps) {
  const t = useTranslations("Staff");
  const [state, formAction, pending] = useActionState(action, null);
  // Submitting through a transition keeps what was typed (React would reset the
  // form after an action), so a mistake is corrected, not retyped.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form action={formAction} onSubmit={onSubmit} className={className ?? "space-y-3"} aria-busy={pending}>
      <input type="hidden" name="locale" value={locale} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit" disabled={pending} className={buttonClass(tone)}>
        {pending ? t("working") : submitLabel}
      </button>
      {state?.status === "error" && (
        <div key={state.at} role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          <p>{state.message}</p>
          {Object.keys(state.fields).length > 0 && (
            <ul className="mt-1 list-disc ps-5">
              {Object.entries(state.fields).map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state?.status === "ok" && (
        <div
          key={state.at}
          role="status"
          className="rounded border border-green-300 bg-green-50 p-3 text-green-900"
        >
          <p>{state.message}</p>
          {state.details.length > 0 && (
            <ul className="mt-1 list-disc ps-5">
              {state.details.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state?.status === "ok" && result?.(state)}
    </form>
  );
}
