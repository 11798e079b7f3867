"use client";

// The catalogue upload's form: a real multipart form posting to the upload
// route (works without JavaScript: the route sends the browser on with 303).
// With JavaScript it posts the same form with fetch, shows the pending state
// while the file is read and checked, and announces a refusal where the form is.
import { useState, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { describedBy } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";

type Labels = { file: string; hint: string; submit: string; pending: string; failed: string };

type Props = {
  action: string;
  labels: Labels;
  /** The refusal the browser was sent back with (no JavaScript), already in the admin's language. */
  error?: { message: string; detail?: string };
};

type Answer = { location?: string; error?: { message?: string; fields?: Record<string, string> } };

export function ImportUploadForm({ action, labels, error: initial }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(initial);
  const [at, setAt] = useState(0);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setError(undefined);
    try {
      const response = await fetch(action, {
        method: "POST",
        body: new FormData(form),
        headers: { accept: "application/json" },
      });
      const answer = (await response.json().catch(() => ({}))) as Answer;
      if (response.ok && answer.location) {
        window.location.assign(answer.location);
        return;
      }
      const fields = Object.values(answer.error?.fields ?? {});
      setError({ message: answer.error?.message ?? labels.failed, detail: fields.join(" ") || undefined });
    } catch {
      setError({ message: labels.failed });
    }
    setAt(Date.now());
    setPending(false);
  };

  const errorText = error ? [error.message, error.detail].filter(Boolean).join(" ") : undefined;
  return (
    <form
      method="post"
      action={action}
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="space-y-3"
      aria-busy={pending}
    >
      <div>
        <label htmlFor="import-file" className="block font-medium">
          {labels.file}
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          required
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          className={inputClass}
          {...describedBy("import-file", labels.hint, errorText)}
        />
        <p id="import-file-hint" className="mt-1 text-sm text-slate-600">
          {labels.hint}
        </p>
        {errorText && (
          <p
            id="import-file-error"
            key={at}
            role="alert"
            className="mt-2 rounded border border-red-300 bg-red-50 p-3 text-red-900"
          >
            {errorText}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? labels.pending : labels.submit}
      </button>
    </form>
  );
}
