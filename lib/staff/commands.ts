// Every change the consoles (hospital staff and health commission) can make, by name. Server actions call exactly one
// of these (tests/integration/staff-authorization.test.ts checks it), and the
// authorization test runs each against every role.
import type { DbClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { signOutEverywhere } from "../auth/sign-out";
import { AppError } from "../errors";
import { acknowledgeInterpreter } from "./acknowledge-interpreter";
import { addScheduleClosure } from "./add-schedule-closure";
import { addScheduleRule } from "./add-schedule-rule";
import { changeBookingStatus } from "./change-booking-status";
import { createSchedule } from "./create-schedule";
import { inviteStaff } from "./invite-staff";
import { issueVisaLetter } from "./issue-visa-letter";
import { publishSchedule } from "./publish-schedule";
import { removeScheduleClosure } from "./remove-schedule-closure";
import { removeScheduleRule } from "./remove-schedule-rule";
import { declareVolume } from "../quota/declare-volume";
import { endQuotaRule } from "../quota/end-quota-rule";
import { setQuotaRule } from "../quota/set-quota-rule";
import { verifyVolume } from "../quota/verify-volume";
import { decideGuarantee } from "../payment/decide-guarantee";
import { setExchangeRate } from "../payment/exchange-rates";
import { recordCriteria, setListing } from "../guide/admission-standard";
import {
  addDepartment,
  updateDepartment,
  setInstitutionHours,
  createInstitution,
  inviteFirstManager,
  saveInstitutionTranslation,
  updateInstitution,
} from "../catalogue/manage-institution";
import { publishGuide, republishVersion, saveGuideSection } from "../guide/guide-authoring";

type Command = (db: DbClient, actor: Actor | null, input: unknown) => Promise<unknown>;

export const staffCommands = {
  changeBookingStatus,
  acknowledgeInterpreter,
  issueVisaLetter,
  decideGuarantee,
  createSchedule,
  addScheduleRule,
  removeScheduleRule,
  addScheduleClosure,
  removeScheduleClosure,
  publishSchedule,
  inviteStaff,
  declareVolume,
  // The health commission's console (app/[locale]/admin).
  setQuotaRule,
  endQuotaRule,
  verifyVolume,
  setExchangeRate,
  createInstitution,
  updateInstitution,
  saveInstitutionTranslation,
  inviteFirstManager,
  setInstitutionHours,
  addDepartment,
  updateDepartment,
  recordCriteria,
  setListing,
  saveGuideSection,
  publishGuide,
  republishVersion,
  signOutEverywhere: async (db: DbClient, actor: Actor | null) => {
    if (!actor) throw new AppError("UNAUTHENTICATED");
    return signOutEverywhere(db, actor);
  },
} satisfies Record<string, Command>;

export type StaffCommandName = keyof typeof staffCommands;
