import type { MetadataRoute } from "next";
import { publicBaseUrl } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/*/staff", "/*/admin", "/*/bookings"] },
    sitemap: `${publicBaseUrl()}/sitemap.xml`,
  };
}
