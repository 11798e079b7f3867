import type { Metadata } from "next";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Footer } from "@/components/shell/footer";
import { Header } from "@/components/shell/header";
import { SegmentFrame } from "@/components/shell/segment-frame";
import { SkipLink } from "@/components/shell/skip-link";
import { direction } from "@/lib/i18n/locales";
import { routing } from "@/lib/i18n/routing";

// Pages read the database on every request: nothing is prerendered at build.
export const dynamic = "force-dynamic";

const CONSOLES = ["staff", "admin"] as const;

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "Metadata" });
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, description: t("description") };
}

export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // Client components only need these namespaces; the rest renders on the server.
  const messages = await getMessages();
  const clientMessages = { Shell: messages.Shell, ErrorPage: messages.ErrorPage };

  return (
    <html lang={locale} dir={direction(locale)}>
      <body className="flex min-h-screen flex-col bg-white font-sans text-slate-900 antialiased">
        <NextIntlClientProvider messages={clientMessages}>
          <SkipLink />
          {/* The consoles (staff/, admin/) draw their own header and <main>. */}
          <SegmentFrame framedBelow={CONSOLES} header={<Header />} footer={<Footer />}>
            {children}
          </SegmentFrame>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
