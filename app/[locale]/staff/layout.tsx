import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SignedOutHeader } from "@/components/console/console-header";
import { SegmentFrame } from "@/components/shell/segment-frame";

// No console page is indexed, and none sends its address (which may hold a token) as a referrer.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

// The console's client components need the Staff messages (forms) and the Shell's (the language
// switcher). Signing in, a forgotten password and setting one get a minimal frame here; the
// console's pages, (console)/, draw the console's header themselves.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  const t = await getTranslations("Staff.nav");
  return (
    <NextIntlClientProvider messages={{ Staff: messages.Staff, Shell: messages.Shell }}>
      <SegmentFrame framedBelow={["(console)"]} header={<SignedOutHeader consoleName={t("label")} />}>
        {children}
      </SegmentFrame>
    </NextIntlClientProvider>
  );
}
