"use client";

// The "send me my booking link again" form: booking reference and e-mail
// address, posted to a server action that answers the same either way. Works
// without JavaScript (a plain form post renders the answer); with it, what was
// typed stays and the answer is announced (role=status or role=alert).
import { startTransition, useActionState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";

export interface ResendLinkState {
  status: "ok" | "error";
  code?: string;
  message: string;
  fields: Record<string, string>;
  /** Changes on every answer so the same message is announced again. */
  at: number;
}

type Labels = { reference: string; referenceHint: string; email: string; submit: string; working: string };

export function ResendLinkForm({
  action,
  locale,
  labels,
  reference = "",
}: {
  action: (previous: ResendLinkState | null, formData: FormData) => Promise<ResendLinkState>;
  locale: string;
  labels: Labels;
  /** The reference to fill in (from the address of a manage link that did not open). */
  reference?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const fields = state?.status === "error" ? state.fields : {};
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="locale" value={locale} />
      <Field
        id="reference"
        name="reference"
        label={labels.reference}
        hint={labels.referenceHint}
        error={fields.reference}
        defaultValue={reference}
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        dir="ltr"
        className={`${inputClass} max-w-xs font-mono`}
      />
      <Field
        id="email"
        name="email"
        type="email"
        label={labels.email}
        error={fields.email}
        required
        autoComplete="email"
        dir="ltr"
        className={`${inputClass} max-w-md`}
      />
      <SubmitButton tone="primary" pendingLabel={labels.working}>
        {labels.submit}
      </SubmitButton>
      {state?.status === "ok" && (
        <p
          key={state.at}
          role="status"
          className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900"
        >
          {state.message}
        </p>
      )}
      {state?.status === "error" && (
        <div key={state.at} role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          <p>{state.message}</p>
          {Object.keys(state.fields).length > 0 && (
            <ul className="mt-1 list-disc ps-5">
              {Object.values(state.fields).map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
