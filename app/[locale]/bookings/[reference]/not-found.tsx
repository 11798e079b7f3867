// A manage link that opens nothing (wrong or missing token, unknown or erased
// booking: the same 404 for each) offers to send the link again.
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export default function ManageLinkNotFound() {
  const t = useTranslations("Booking.find");
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-3xl font-bold text-brand-800">{t("notFoundTitle")}</h1>
      <p>{t("notFoundText")}</p>
      <Link href="/bookings/find" className="inline-block text-brand-700 underline">
        {t("link")}
      </Link>
    </div>
  );
}
