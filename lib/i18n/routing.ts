import { defineRouting } from "next-intl/routing";
import { defaultLocale, locales } from "./locales";

export const routing = defineRouting({
  locales,
  defaultLocale,
  // Every page lives under /{locale}/...: links are shareable in one language.
  localePrefix: "always",
});
