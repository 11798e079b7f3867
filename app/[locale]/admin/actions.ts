"use server";

// Server actions of the health commission's console: each reads its form,
// calls one command (app/[locale]/_console/commands.ts) and answers with a FormState.
// Permissions and city scoping are checked inside the use cases.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { getDb } from "@/lib/db/client";
import { staffCommands } from "@/app/[locale]/_console/commands";
import type { FormState } from "@/components/staff/form-state";
import { formLocale, runFormAction } from "@/app/[locale]/_console/run-form-action";
import { redirect } from "next/navigation";
import { holidayImportAnswer } from "./holiday-answer";

type Action = (previous: FormState | null, formData: FormData) => Promise<FormState>;

async function done(
  locale: Locale,
  key:
    | "ruleSet"
    | "ruleEnded"
    | "ruleWithdrawn"
    | "volumeLocked"
    | "volumeUnlocked"
    | "rateSet"
    | "criteriaSaved"
    | "listed"
    | "delisted"
    | "sectionSaved"
    | "guidePublished"
    | "guideRepublished"
    | "institutionSaved"
    | "translationSaved"
    | "managerInvited"
    | "hoursSaved"
    | "departmentAdded"
    | "departmentSaved"
    | "departmentRetired"
    | "departmentRestored"
    | "packageSaved"
    | "packageRetired"
    | "packageRestored",
) {
  const t = await getTranslations({ locale, namespace: "Staff.done" });
  return { message: t(key) };
}

export const setQuotaRuleAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.setQuotaRule(getDb(), actor, input),
    (_r, locale) => done(locale, "ruleSet"),
  );

export const endQuotaRuleAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.endQuotaRule(getDb(), actor, input),
    (r, locale) => done(locale, r.withdrawn ? "ruleWithdrawn" : "ruleEnded"),
  );

export const verifyVolumeAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.verifyVolume(getDb(), actor, input),
    (r, locale) => done(locale, r.locked ? "volumeLocked" : "volumeUnlocked"),
  );

export const setExchangeRateAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.setExchangeRate(getDb(), actor, input),
    (_r, locale) => done(locale, "rateSet"),
  );

export const recordCriteriaAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.recordCriteria(getDb(), actor, input),
    (_r, locale) => done(locale, "criteriaSaved"),
  );

export const setListingAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.setListing(getDb(), actor, input),
    (r, locale) => done(locale, r.listed ? "listed" : "delisted"),
  );

export const saveGuideSectionAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.saveGuideSection(getDb(), actor, input),
    (_r, locale) => done(locale, "sectionSaved"),
  );

/** Publishes what the confirmation page showed, then goes back to the guide, which says so. */
export const publishGuideAction: Action = async (_previous, formData) => {
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.publishGuide(getDb(), actor, input),
    (_r, locale) => done(locale, "guidePublished"),
  );
  if (state.status === "ok") {
    // The use case accepted these: the city and version confirmed.
    const query = new URLSearchParams({
      city: String(formData.get("city")),
      published: String(formData.get("version")),
    });
    redirect(`/${formLocale(formData)}/admin/guide?${query}`);
  }
  return state;
};

/** Publishes an archived version again as confirmed, then goes back to the guide, which says so. */
export const republishGuideAction: Action = async (_previous, formData) => {
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.republishVersion(getDb(), actor, input),
    (_r, locale) => done(locale, "guideRepublished"),
  );
  if (state.status === "ok") {
    const query = new URLSearchParams({
      city: String(formData.get("city")),
      published: String(formData.get("next")),
    });
    redirect(`/${formLocale(formData)}/admin/guide?${query}`);
  }
  return state;
};

/** Creates the institution, then opens its page (where the standard, translations and manager follow). */
export const createInstitutionAction: Action = async (_previous, formData) => {
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.createInstitution(getDb(), actor, input),
    (_r, locale) => done(locale, "institutionSaved"),
  );
  if (state.status === "ok")
    redirect(`/${String(formData.get("locale") ?? "en")}/admin/institutions/${String(formData.get("slug"))}`);
  return state;
};

export const updateInstitutionAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.updateInstitution(getDb(), actor, input),
    (_r, locale) => done(locale, "institutionSaved"),
  );

export const saveInstitutionTranslationAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.saveInstitutionTranslation(getDb(), actor, input),
    (_r, locale) => done(locale, "translationSaved"),
  );

export const inviteFirstManagerAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.inviteFirstManager(getDb(), actor, input),
    (_r, locale) => done(locale, "managerInvited"),
  );

export const setInstitutionHoursAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.setInstitutionHours(getDb(), actor, input),
    (_r, locale) => done(locale, "hoursSaved"),
  );

export const addDepartmentAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.addDepartment(getDb(), actor, input),
    (_r, locale) => done(locale, "departmentAdded"),
  );

export const updateDepartmentAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.updateDepartment(getDb(), actor, input),
    (_r, locale) => done(locale, "departmentSaved"),
  );

/** Checks a year's holiday arrangement (a dry run) or saves it, and answers with its summary either way. */
export const importHolidayYearAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.importHolidayYear(getDb(), actor, input),
    (summary, locale) => holidayImportAnswer(summary, locale),
  );

/** A new web address name, then the institution's page under it (the old one redirects). */
export const changeInstitutionSlugAction: Action = async (_previous, formData) => {
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.changeInstitutionSlug(getDb(), actor, input),
    (_r, locale) => done(locale, "institutionSaved"),
  );
  if (state.status === "ok")
    redirect(
      `/${formLocale(formData)}/admin/institutions/${String(formData.get("slug")).trim()}#web-address`,
    );
  return state;
};

/** Removes a department without bookings, then goes back to its institution. */
export const removeDepartmentAction: Action = async (_previous, formData) => {
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.removeDepartment(getDb(), actor, input),
    (_r, locale) => done(locale, "departmentSaved"),
  );
  if (state.status === "ok")
    redirect(
      `/${formLocale(formData)}/admin/institutions/${String(formData.get("institution"))}#departments`,
    );
  return state;
};

export const retireDepartmentAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.retireDepartment(getDb(), actor, input),
    (r, locale) => done(locale, r.retired ? "departmentRetired" : "departmentRestored"),
  );

/** Creates the package, then opens the institution's package list. */
export const createPackageAction: Action = async (_previous, formData) => {
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.createPackage(getDb(), actor, input),
    (_r, locale) => done(locale, "packageSaved"),
  );
  if (state.status === "ok")
    redirect(`/${formLocale(formData)}/admin/institutions/${String(formData.get("institution"))}/packages`);
  return state;
};

export const updatePackageAction: Action = async (_previous, formData) =>
  runFormAction(
    formData,
    (actor, input) => staffCommands.updatePackage(getDb(), actor, input),
    (_r, locale) => done(locale, "packageSaved"),
  );

/** Retires or restores the package, then shows the list with its new state. */
export const retirePackageAction: Action = async (_previous, formData) => {
  const state = await runFormAction(
    formData,
    (actor, input) => staffCommands.retirePackage(getDb(), actor, input),
    (r, locale) => done(locale, r.retired ? "packageRetired" : "packageRestored"),
  );
  if (state.status === "ok")
    redirect(`/${formLocale(formData)}/admin/institutions/${String(formData.get("institution"))}/packages`);
  return state;
};
