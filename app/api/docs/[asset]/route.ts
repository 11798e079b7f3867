import { AppError } from "@/lib/errors";
import { apiLocale, errorResponse } from "@/lib/http/errors";
import { asset, isAssetName } from "../assets";

/** GET /api/docs/{asset}: the reference page's stylesheet and scripts; any other name is a 404. */
export async function GET(request: Request, { params }: { params: Promise<{ asset: string }> }) {
  const { asset: name } = await params;
  if (!isAssetName(name)) return errorResponse(new AppError("NOT_FOUND"), apiLocale(request));
  const { body, type } = await asset(name);
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": type, "Cache-Control": "public, max-age=86400" },
  });
}
