"use client";

// A form that posts to a route with fetch, not as a navigation: the consoles
// send no referrer, so a navigating POST carries "Origin: null", which the
// proxy's same-origin rule refuses; fetch sends the page's real origin. On
// success the browser goes to the answer's `location` (else `next`, else this
// page again); a refusal's localized message is announced above the form.
import { useState, type FormEvent, type ReactNode } from "react";

type Props = {
  action: string;
  next?: string;
  encType?: "multipart/form-data";
  className?: string;
  children: ReactNode;
};

export function FetchForm({ action, next, encType, className, children }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const response = await fetch(action, {
        method: "POST",
        body: new FormData(event.currentTarget),
        headers: { accept: "application/json" },
      });
      const body = (await response.json().catch(() => ({}))) as {
        location?: string;
        error?: { message?: string };
      };
      if (!response.ok) {
        setError(body.error?.message ?? String(response.status));
        return;
      }
      window.location.assign(body.location ?? next ?? window.location.href);
    } finally {
      setPending(false);
    }
  }
  return (
    <form
      method="post"
      action={action}
      encType={encType}
      className={className}
      onSubmit={submit}
      aria-busy={pending}
    >
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      {children}
    </form>
  );
}
