import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { mailDirectory } from "@/lib/notify/mailer";
import { readMailbox } from "@/lib/notify/read-mailbox";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const metadata: Metadata = { robots: { index: false } };

/** What the local mail stand-in "sent". Development only: a 404 in production. */
export default async function DevMailPage({ params }: Props) {
  if (process.env.NODE_ENV === "production") notFound();
  await openPage(params);
  const t = await getTranslations("DevMail");
  const dir = mailDirectory();
  const mails = await readMailbox(dir);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p>{t("intro", { dir })}</p>
      {mails.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className="space-y-3">
          {mails.map((m) => (
            <li key={m.file} className="rounded border border-slate-200 p-3">
              <p className="font-medium" dir="auto">
                {t("subject")}: {m.subject}
              </p>
              <p className="text-sm text-slate-700" dir="ltr">
                {t("to")}: {m.to} · {m.date}
              </p>
              <details className="mt-2">
                <summary className="cursor-pointer text-brand-700 underline">{t("raw")}</summary>
                <pre
                  className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs"
                  dir="ltr"
                >
                  {m.raw}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
