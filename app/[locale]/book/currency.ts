// The currency a patient's price is also shown in on the booking pages and the
// manage page: the one they chose (a cookie set by the form beside the price,
// so the choice follows them from the time list to the review without another
// parameter on every link), else the usual one for the page's language.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Locale } from "next-intl";
import { safeLocalPath } from "@/lib/http/safe-redirect";
import { currencySchema, defaultCurrency, type Currency } from "@/lib/payment/codes";

const CURRENCY_COOKIE = "ipp_currency";

/** The patient's chosen currency, or the page language's usual one. */
export async function preferredCurrency(locale: Locale): Promise<Currency> {
  const chosen = currencySchema.safeParse((await cookies()).get(CURRENCY_COOKIE)?.value);
  return chosen.success ? chosen.data : defaultCurrency[locale];
}

/** "Also show prices in …": remembers the choice for a year and goes back to the page it came from. */
export async function chooseCurrencyAction(formData: FormData): Promise<void> {
  "use server";
  const back = safeLocalPath(formData.get("back"), "/");
  const currency = currencySchema.safeParse(formData.get("currency"));
  if (currency.success)
    (await cookies()).set(CURRENCY_COOKIE, currency.data, {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.NODE_ENV === "production" && process.env.PUBLIC_BASE_URL?.startsWith("https:"),
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
  redirect(back);
}
