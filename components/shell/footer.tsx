import { useTranslations } from "next-intl";
import { Suspense } from "react";
import { Link } from "@/lib/i18n/navigation";
import { DemoNotice } from "./demo-notice";

export function Footer() {
  const t = useTranslations("Footer");
  return (
    <footer className="mt-12 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 md:grid-cols-2">
        <section
          aria-labelledby="emergency-heading"
          className="rounded border-s-4 border-red-600 bg-white p-4"
        >
          <h2 id="emergency-heading" className="font-semibold text-red-700">
            {t("emergencyTitle")}
          </h2>
          <p className="mt-1">
            {t.rich("emergencyText", {
              number: "120",
              tel: (chunks) => (
                <a href="tel:120" className="text-xl font-bold text-red-700 underline" dir="ltr">
                  {chunks}
                </a>
              ),
            })}
          </p>
        </section>
        <div className="space-y-3 text-sm text-slate-700">
          <Suspense fallback={null}>
            <DemoNotice text={t("demoNotice")} />
          </Suspense>
          <p>{t("about")}</p>
          <p className="flex flex-wrap gap-4">
            <Link href="/privacy" prefetch={false} className="text-brand-700 underline">
              {t("privacy")}
            </Link>
            <Link href="/bookings/find" prefetch={false} className="text-brand-700 underline">
              {t("findBooking")}
            </Link>
            <Link href="/staff" prefetch={false} className="text-brand-700 underline">
              {t("staff")}
            </Link>
          </p>
        </div>
      </div>
    </footer>
  );
}
