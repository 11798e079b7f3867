// "Send me my booking link again": for a patient who lost the manage link. The
// page is a plain GET (linked from the footer and from a manage link that does
// not open, which passes ?reference=); the form posts to a server action that
// answers the same whether or not a booking matches.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResendLinkForm } from "@/components/booking/resend-link-form";
import { REFERENCE_PATTERN } from "@/lib/booking/reference";
import { resendManageLinkAction } from "../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Booking.find" });
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function FindBookingPage({ params, searchParams }: PageProps) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const reference =
    typeof sp.reference === "string" && REFERENCE_PATTERN.test(sp.reference) ? sp.reference : "";
  const t = await getTranslations("Booking.find");
  const tw = await getTranslations("Staff");
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p>{t("intro")}</p>
      <ResendLinkForm
        action={resendManageLinkAction}
        locale={locale}
        reference={reference}
        labels={{
          reference: t("reference"),
          referenceHint: t("referenceHint"),
          email: t("email"),
          submit: t("submit"),
          working: tw("working"),
        }}
      />
    </div>
  );
}
