// Every change the consoles (hospital staff and health commission) can make, by name. Server actions call exactly one
// of these (tests/integration/staff-authorization.test.ts checks it), and the
// authorization test runs each against every role. Each takes the form's
// fields: a use case with typed input is wrapped in its form adapter
// (formCommand with a form schema; textForm when the form sends the input
// field for field).
import type { DbClient } from "@/lib/db/create-client";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin, requireStaff } from "@/lib/auth/permissions";
import { signOutEverywhere } from "@/lib/auth/sign-out";
import { AppError } from "@/lib/errors";
import { acknowledgeInterpreter, acknowledgeInterpreterSchema } from "@/lib/booking/acknowledge-interpreter";
import { addScheduleClosure } from "@/lib/schedule/add-schedule-closure";
import { addScheduleRule } from "@/lib/schedule/add-schedule-rule";
import {
  addClosureSchema,
  createScheduleSchema,
  publishSchema,
  removeClosureSchema,
  removeRuleSchema,
} from "@/lib/schedule/schedule-inputs";
import { changeBookingStatus, changeBookingStatusSchema } from "@/lib/booking/change-booking-status";
import { createSchedule } from "@/lib/schedule/create-schedule";
import { inviteStaff, inviteStaffSchema } from "@/lib/auth/invite-staff";
import { issueVisaLetter, issueVisaLetterSchema } from "@/lib/booking/issue-visa-letter";
import { publishSchedule } from "@/lib/schedule/publish-schedule";
import { removeScheduleClosure } from "@/lib/schedule/remove-schedule-closure";
import { removeScheduleRule } from "@/lib/schedule/remove-schedule-rule";
import { declareVolume } from "@/lib/quota/declare-volume";
import { endQuotaRule } from "@/lib/quota/end-quota-rule";
import { setQuotaRule } from "@/lib/quota/set-quota-rule";
import { verifyVolume } from "@/lib/quota/verify-volume";
import {
  declareVolumeSchema,
  endQuotaRuleSchema,
  setQuotaRuleSchema,
  verifyVolumeSchema,
} from "@/lib/quota/quota-inputs";
import { decideGuarantee, decideGuaranteeSchema } from "@/lib/payment/decide-guarantee";
import { setExchangeRate, setRateSchema } from "@/lib/payment/exchange-rates";
import { importHolidayYear } from "@/lib/holidays/import-holiday-year";
import { importHolidayYearForm } from "../admin/holiday-form";
import { recordCriteria, setListing } from "@/lib/guide/admission-standard";
import {
  addDepartment,
  updateDepartment,
  setInstitutionHours,
  createInstitution,
  inviteFirstManager,
  inviteManagerSchema,
  institutionTranslationSchema,
  saveInstitutionTranslation,
  updateInstitution,
  changeInstitutionSlug,
  changeInstitutionSlugSchema,
} from "@/lib/catalogue/manage-institution";
import {
  createPackage,
  savePackageTranslation,
  setPackageRetired,
  updatePackage,
} from "@/lib/catalogue/manage-package";
import {
  removeDepartment,
  removeDepartmentSchema,
  setDepartmentRetired,
} from "@/lib/catalogue/manage-department";
import { setListingSchema } from "@/lib/guide/admission-standard";
import { formCommand, textForm } from "./form-schema";
import {
  addDepartmentForm,
  createInstitutionForm,
  recordCriteriaForm,
  setHoursForm,
  updateDepartmentForm,
  updateInstitutionForm,
  createPackageForm,
  updatePackageForm,
  packageTranslationForm,
  retirePackageForm,
  retireDepartmentForm,
} from "../admin/forms";
import { addScheduleRuleForm, createIntegrationClientForm } from "../staff/forms";
import { createIntegrationClient } from "@/lib/integration/create-integration-client";
import {
  rotateIntegrationSecret,
  rotateIntegrationSecretSchema,
} from "@/lib/integration/rotate-integration-secret";
import {
  revokeIntegrationClient,
  revokeIntegrationClientSchema,
} from "@/lib/integration/revoke-integration-client";
import {
  publishGuide,
  publishGuideSchema,
  republishSchema,
  republishVersion,
  saveGuideSection,
  saveSectionSchema,
} from "@/lib/guide/guide-authoring";

type Command = (db: DbClient, actor: Actor | null, input: unknown) => Promise<unknown>;

// Who may send a form, checked before the form is read (the use case checks it again).
const bookingUpdate = (actor: Actor | null) => requireStaff(actor, "booking.update");
const catalogueManage = (actor: Actor | null) => requireAdmin(actor, "catalogue.manage");
const guideManage = (actor: Actor | null) => requireAdmin(actor, "guide.manage");
const scheduleManage = (actor: Actor | null) => requireStaff(actor, "schedule.manage");
const teamManage = (actor: Actor | null) => requireStaff(actor, "team.manage");
const quotaDeclare = (actor: Actor | null) => requireStaff(actor, "quota.declare");
const integrationsManage = (actor: Actor | null) => requireStaff(actor, "integrations.manage");
const quotaRules = (actor: Actor | null) => requireAdmin(actor, "quota.rules");
const quotaVerify = (actor: Actor | null) => requireAdmin(actor, "quota.verify");
const ratesManage = (actor: Actor | null) => requireAdmin(actor, "rates.manage");
const holidaysManage = (actor: Actor | null) => requireAdmin(actor, "holidays.manage");

export const staffCommands = {
  changeBookingStatus: formCommand(
    textForm(changeBookingStatusSchema, ["version"]),
    changeBookingStatus,
    bookingUpdate,
  ),
  acknowledgeInterpreter: formCommand(
    textForm(acknowledgeInterpreterSchema, ["version"]),
    acknowledgeInterpreter,
    bookingUpdate,
  ),
  issueVisaLetter: formCommand(textForm(issueVisaLetterSchema), issueVisaLetter, bookingUpdate),
  decideGuarantee: formCommand(textForm(decideGuaranteeSchema, ["version"]), decideGuarantee, (a) =>
    requireStaff(a, "guarantee.decide"),
  ),
  createSchedule: formCommand(textForm(createScheduleSchema), createSchedule, scheduleManage),
  addScheduleRule: formCommand(addScheduleRuleForm, addScheduleRule, scheduleManage),
  removeScheduleRule: formCommand(textForm(removeRuleSchema), removeScheduleRule, scheduleManage),
  addScheduleClosure: formCommand(textForm(addClosureSchema), addScheduleClosure, scheduleManage),
  removeScheduleClosure: formCommand(textForm(removeClosureSchema), removeScheduleClosure, scheduleManage),
  publishSchedule: formCommand(textForm(publishSchema, ["weeks"]), publishSchedule, scheduleManage),
  inviteStaff: formCommand(textForm(inviteStaffSchema), inviteStaff, teamManage),
  declareVolume: formCommand(textForm(declareVolumeSchema, ["volume"]), declareVolume, quotaDeclare),
  createIntegrationClient: formCommand(
    createIntegrationClientForm,
    createIntegrationClient,
    integrationsManage,
  ),
  rotateIntegrationSecret: formCommand(
    textForm(rotateIntegrationSecretSchema),
    rotateIntegrationSecret,
    integrationsManage,
  ),
  revokeIntegrationClient: formCommand(
    textForm(revokeIntegrationClientSchema),
    revokeIntegrationClient,
    integrationsManage,
  ),
  // The health commission's console (app/[locale]/admin).
  setQuotaRule: formCommand(textForm(setQuotaRuleSchema, ["percent"]), setQuotaRule, quotaRules),
  endQuotaRule: formCommand(textForm(endQuotaRuleSchema), endQuotaRule, quotaRules),
  verifyVolume: formCommand(textForm(verifyVolumeSchema), verifyVolume, quotaVerify),
  setExchangeRate: formCommand(textForm(setRateSchema, ["unitsPerCny"]), setExchangeRate, ratesManage),
  importHolidayYear: formCommand(importHolidayYearForm, importHolidayYear, holidaysManage),
  createInstitution: formCommand(createInstitutionForm, createInstitution, catalogueManage),
  updateInstitution: formCommand(updateInstitutionForm, updateInstitution, catalogueManage),
  saveInstitutionTranslation: formCommand(
    textForm(institutionTranslationSchema),
    saveInstitutionTranslation,
    catalogueManage,
  ),
  inviteFirstManager: formCommand(textForm(inviteManagerSchema), inviteFirstManager, catalogueManage),
  setInstitutionHours: formCommand(setHoursForm, setInstitutionHours, catalogueManage),
  addDepartment: formCommand(addDepartmentForm, addDepartment, catalogueManage),
  updateDepartment: formCommand(updateDepartmentForm, updateDepartment, catalogueManage),
  removeDepartment: formCommand(textForm(removeDepartmentSchema), removeDepartment, catalogueManage),
  retireDepartment: formCommand(retireDepartmentForm, setDepartmentRetired, catalogueManage),
  changeInstitutionSlug: formCommand(
    textForm(changeInstitutionSlugSchema),
    changeInstitutionSlug,
    catalogueManage,
  ),
  createPackage: formCommand(createPackageForm, createPackage, catalogueManage),
  updatePackage: formCommand(updatePackageForm, updatePackage, catalogueManage),
  savePackageTranslation: formCommand(packageTranslationForm, savePackageTranslation, catalogueManage),
  retirePackage: formCommand(retirePackageForm, setPackageRetired, catalogueManage),
  recordCriteria: formCommand(recordCriteriaForm, recordCriteria, guideManage),
  setListing: formCommand(textForm(setListingSchema), setListing, guideManage),
  saveGuideSection: formCommand(textForm(saveSectionSchema), saveGuideSection, guideManage),
  publishGuide: formCommand(textForm(publishGuideSchema, ["version"]), publishGuide, guideManage),
  republishVersion: formCommand(
    textForm(republishSchema, ["version", "next"]),
    republishVersion,
    guideManage,
  ),
  signOutEverywhere: async (db: DbClient, actor: Actor | null) => {
    if (!actor) throw new AppError("UNAUTHENTICATED");
    return signOutEverywhere(db, actor);
  },
} satisfies Record<string, Command>;

export type StaffCommandName = keyof typeof staffCommands;
