import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "./messages";
import { routing } from "./routing";

export const BEIJING_TIME_ZONE = "Asia/Shanghai";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    messages: await loadMessages(locale),
    // Times are shown in Beijing time unless a component says otherwise.
    timeZone: BEIJING_TIME_ZONE,
  };
});
