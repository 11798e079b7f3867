"use client";

import en from "@/messages/en.json";

// Last-resort boundary when the locale layout itself fails. It cannot rely on
// the i18n provider, so it shows the English messages file directly.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = en.ErrorPage;
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "2rem" }}>
        <main role="alert">
          <h1>{t.title}</h1>
          <p>{t.text}</p>
          <p>
            <strong>{t.emergency}</strong>
          </p>
          <button type="button" onClick={() => reset()}>
            {t.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
