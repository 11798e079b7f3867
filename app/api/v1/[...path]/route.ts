import { AppError } from "@/lib/errors";
import { apiLocale, errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** Any /api/v1 path no route serves: 404 NOT_FOUND in the API's error shape, whatever the method. */
function notFound(request: Request): Promise<Response> {
  return errorResponse(new AppError("NOT_FOUND"), apiLocale(request));
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
