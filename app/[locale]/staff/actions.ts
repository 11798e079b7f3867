"use server";

// Server actions of the staff console: each reads its form, calls one use case
// (app/[locale]/_console/commands.ts, or lib/auth for signing in and out, whose
// forms are parsed here with the use case's schema) and answers with a
// FormState. Permissions are checked inside the use cases.
import { getFormatter, getTranslations } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/current-actor";
import { safeNext, signInPath } from "@/app/[locale]/_console/page-guard";
import { passwordResetRequestSchema, requestPasswordReset } from "@/lib/auth/request-password-reset";
import { setPasswordFromLink, setPasswordSchema } from "@/lib/auth/set-password";
import { signIn, signInSchema } from "@/lib/auth/sign-in";
import { signOut } from "@/lib/auth/sign-out";
import { getDb } from "@/lib/db/client";
import { addressFromHeaders, parseInput } from "@/lib/http/request";
import type { Locale } from "@/lib/i18n/locales";
import { staffCommands } from "@/app/[locale]/_console/commands";
import type { FormState } from "@/components/staff/form-state";
import type { CredentialsState } from "@/components/staff/integration-credentials";
import type { IssuedCredentials } from "@/lib/integration/create-integration-client";
import { errorState, formInput, formLocale, runFormAction } from "@/app/[locale]/_console/run-form-action";
import type { SyncReport } from "@/lib/schedule/sync-schedule-slots";
import { monthLabel } from "@/components/quota/month-label";

type Action = (previous: FormState | null, formData: FormData) => Promise<FormState>;

async function done(locale: Locale, key: string, values: Record<string, string | number> = {}) {
  const t = await getTranslations({ locale, namespace: "Staff.done" });
  return { message: t(key as Parameters<typeof t>[0], values) };
}

/**
 * "Created 20, changed 2, removed 3", then per month the quota's numbers (cap,
 * used, published, what was added and what the cap refused), then one line
 * per slot that could not change, and why.
 */
async function syncMessage(report: SyncReport, locale: Locale) {
  const t = await getTranslations({ locale, namespace: "Staff.sync" });
  const format = await getFormatter({ locale });
  const quota = report.quota.flatMap((q) => {
    const values = {
      month: monthLabel(locale, q.month),
      cap: format.number(q.cap),
      used: format.number(q.used),
      published: format.number(q.published),
      added: format.number(q.added),
      refused: format.number(q.refused),
      remaining: format.number(q.remaining),
    };
    if (q.noVolume) return [t("quotaNoVolume", values)];
    return [t("quota", values), ...(q.refused > 0 ? [t("quotaRefused", values)] : [])];
  });
  return {
    message: t("summary", { created: report.created, updated: report.updated, removed: report.removed }),
    details: [
      ...quota,
      ...report.kept.map((k) =>
        t(`kept.${k.reason}`, {
          when: format.dateTime(k.startsAt, {
            dateStyle: "medium",
            timeStyle: "short",
            timeZone: "Asia/Shanghai",
          }),
          booked: k.booked,
        }),
      ),
    ],
  };
}

export const signInAction: Action = async (_previous, formData) => {
  const locale = formLocale(formData);
  const input = formInput(formData);
  try {
    const requestHeaders = await headers();
    await signIn(
      getDb(),
      parseInput(signInSchema, { email: input.email ?? "", password: input.password ?? "" }),
      { address: addressFromHeaders(requestHeaders), headers: requestHeaders },
    );
  } catch (error) {
    return errorState(error, locale);
  }
  redirect(safeNext(locale, input.next));
};

/** Forgets the session cookie in this browser (the session row is already gone). */
async function dropSessionCookies() {
  const jar = await cookies();
  for (const cookie of jar.getAll()) if (cookie.name.includes("portal.session")) jar.delete(cookie.name);
}

export async function signOutAction(formData: FormData): Promise<void> {
  await signOut(getDb(), await currentActor());
  await dropSessionCookies();
  redirect(signInPath(formLocale(formData)));
}

export const signOutEverywhereAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor) => staffCommands.signOutEverywhere(getDb(), actor),
    async (_count, locale) => {
      await dropSessionCookies();
      redirect(signInPath(locale));
    },
  );

export const requestPasswordResetAction: Action = async (_previous, formData) => {
  const locale = formLocale(formData);
  try {
    await requestPasswordReset(getDb(), parseInput(passwordResetRequestSchema, formInput(formData)), {
      address: addressFromHeaders(await headers()),
    });
  } catch (error) {
    return errorState(error, locale);
  }
  return { status: "ok", ...(await done(locale, "resetRequested")), fields: {}, details: [], at: Date.now() };
};

export const setPasswordAction: Action = async (_previous, formData) => {
  const locale = formLocale(formData);
  try {
    await setPasswordFromLink(getDb(), parseInput(setPasswordSchema, formInput(formData)));
  } catch (error) {
    return errorState(error, locale);
  }
  redirect(`${signInPath(locale)}${"?"}${new URLSearchParams({ reset: "1" })}`);
};

export const changeBookingStatusAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.changeBookingStatus(getDb(), actor, input),
    async (result, locale) => {
      const t = await getTranslations({ locale, namespace: "Staff.status" });
      return done(locale, "status", { status: t(result.status) });
    },
  );

export const acknowledgeInterpreterAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.acknowledgeInterpreter(getDb(), actor, input),
    (_r, locale) => done(locale, "interpreter"),
  );

export const issueVisaLetterAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.issueVisaLetter(getDb(), actor, input),
    (result, locale) => done(locale, "visaLetter", { number: result.number }),
  );

export const createScheduleAction: Action = async (_previous, formData) => {
  const locale = formLocale(formData);
  let id: string;
  try {
    ({ id } = await staffCommands.createSchedule(getDb(), await currentActor(), formInput(formData)));
  } catch (error) {
    return errorState(error, locale);
  }
  redirect(`/${locale}/staff/schedules/${id}`);
};

export const addScheduleRuleAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.addScheduleRule(getDb(), actor, input),
    syncMessage,
  );

export const removeScheduleRuleAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.removeScheduleRule(getDb(), actor, input),
    syncMessage,
  );

export const addScheduleClosureAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.addScheduleClosure(getDb(), actor, input),
    syncMessage,
  );

export const removeScheduleClosureAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.removeScheduleClosure(getDb(), actor, input),
    syncMessage,
  );

export const publishScheduleAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.publishSchedule(getDb(), actor, input),
    syncMessage,
  );

export const decideGuaranteeAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.decideGuarantee(getDb(), actor, input),
    (r, locale) => done(locale, r.guarantee === "APPROVED" ? "guaranteeApproved" : "guaranteeDenied"),
  );

export const declareVolumeAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.declareVolume(getDb(), actor, input),
    async (r, locale) => {
      const format = await getFormatter({ locale });
      return done(locale, "volumeDeclared", {
        month: monthLabel(locale, r.month),
        cap: format.number(r.cap),
        percent: format.number(r.percent),
      });
    },
  );

export const inviteStaffAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.inviteStaff(getDb(), actor, input),
    (_r, locale) => done(locale, "invited"),
  );

/** The answer of a create or rotate: the credentials go to the browser in this answer only, never into the page. */
const withCredentials = (state: FormState, issued: IssuedCredentials | undefined): CredentialsState =>
  state.status === "ok" && issued
    ? {
        ...state,
        credentials: {
          clientId: issued.client.clientId,
          clientSecret: issued.clientSecret,
          webhookSecret: issued.webhookSecret,
        },
      }
    : state;

export const createIntegrationClientAction: Action = async (_previous, formData) => {
  let issued: IssuedCredentials | undefined;
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.createIntegrationClient(getDb(), actor, input),
    (result, locale) => {
      issued = result;
      return done(locale, "integrationCreated");
    },
  );
  return withCredentials(state, issued);
};

export const rotateIntegrationSecretAction: Action = async (_previous, formData) => {
  let issued: IssuedCredentials | undefined;
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.rotateIntegrationSecret(getDb(), actor, input),
    (result, locale) => {
      issued = result;
      return done(locale, "integrationRotated");
    },
  );
  return withCredentials(state, issued);
};

export const revokeIntegrationClientAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.revokeIntegrationClient(getDb(), actor, input),
    (_r, locale) => done(locale, "integrationRevoked"),
  );
