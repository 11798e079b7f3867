import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

// The console's client components (forms) need only the Staff messages.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={{ Staff: messages.Staff }}>{children}</NextIntlClientProvider>;
}
