import { publicBaseUrl } from "@/lib/env";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/** The document for this server's URL, generated once per process (it takes tens of milliseconds). */
let cached: { serverUrl: string; body: string } | undefined;

export function GET() {
  const serverUrl = publicBaseUrl();
  if (cached?.serverUrl !== serverUrl)
    cached = { serverUrl, body: JSON.stringify(openApiDocument(serverUrl)) };
  return new Response(cached.body, {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
