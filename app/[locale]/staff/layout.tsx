import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Metadata } from "next";
import type { ReactNode } from "react";

// No console page is indexed, and none sends its address (which may hold a token) as a referrer.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

// The console's client components (forms) need only the Staff messages.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={{ Staff: messages.Staff }}>{children}</NextIntlClientProvider>;
}
