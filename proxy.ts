import createMiddleware from "next-intl/middleware";
import { routing } from "./lib/i18n/routing";

// Locale negotiation and the /{locale} prefix for every page (not the API).
export default createMiddleware(routing);

export const config = {
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
