import "server-only";
// How staff pages meet the permission helpers: signed out → the sign-in page
// (and back afterwards), no permission → 403 page, another institution's
// record → 404 page.
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { currentActor } from "@/lib/auth/current-actor";
import {
  requireAdmin,
  requireStaff,
  type AdminScope,
  type Permission,
  type StaffScope,
} from "@/lib/auth/permissions";

export function signInPath(locale: string, next?: string): string {
  const query = next ? `?${new URLSearchParams({ next })}` : "";
  return `/${locale}/staff/sign-in${query}`;
}

/** A path inside one of the consoles (so ?next= can never send anyone elsewhere), else the console home. */
export function safeNext(locale: string, next: unknown): string {
  return typeof next === "string" &&
    (next.startsWith(`/${locale}/staff`) || next.startsWith(`/${locale}/admin`)) &&
    !next.startsWith("//")
    ? next
    : `/${locale}/staff`;
}

export async function staffPage(permission: Permission, locale: string, path: string): Promise<StaffScope> {
  const actor = await currentActor();
  try {
    return requireStaff(actor, permission);
  } catch (error) {
    return pageError(error, locale, path);
  }
}

/** The health commission's pages: a city or system admin with `permission`. */
export async function adminPage(permission: Permission, locale: string, path: string): Promise<AdminScope> {
  const actor = await currentActor();
  try {
    return requireAdmin(actor, permission);
  } catch (error) {
    return pageError(error, locale, path);
  }
}

/** Turns a use case's error into the page's answer; other errors go to the error page. */
export function pageError(error: unknown, locale: string, path: string): never {
  if (error instanceof AppError) {
    if (error.code === "UNAUTHENTICATED") redirect(signInPath(locale, path));
    if (error.code === "FORBIDDEN") forbidden();
    if (error.code === "NOT_FOUND") notFound();
  }
  throw error;
}
