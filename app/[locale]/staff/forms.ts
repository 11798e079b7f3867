// The hospital staff's forms as the use cases' typed input where a field is
// more than text: a weekly rule's times typed "HH:MM" become minutes of the
// day, its numbers typed as text become numbers. The rules stay in the use
// case's schema (lib/schedule/schedule-inputs.ts); problems are named by the
// form's fields, which are the input's own.
import { z } from "zod";
import { addRuleSchema } from "@/lib/schedule/schedule-inputs";
import { createIntegrationClientSchema } from "@/lib/integration/create-integration-client";
import { INTEGRATION_SCOPES } from "@/lib/integration/scopes";
import { checkbox, field, formNumber, type FormSchema } from "@/app/[locale]/_console/form-schema";

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "HH:MM" (00:00 to 24:00) as minutes since midnight; anything else stays as it is, for the schema to refuse. */
export const formTime = (value: unknown): unknown =>
  typeof value === "string" && HH_MM.test(value)
    ? Number(value.slice(0, 2)) * 60 + Number(value.slice(3))
    : value;

export const addScheduleRuleForm: FormSchema<typeof addRuleSchema> = {
  fields: z.object({
    scheduleId: field,
    weekday: field,
    start: field,
    end: field,
    slotMinutes: field,
    capacity: field,
  }),
  domain: addRuleSchema,
  toDomain: (form) => ({
    scheduleId: form.scheduleId,
    weekday: formNumber(form.weekday),
    start: formTime(form.start),
    end: formTime(form.end),
    slotMinutes: formNumber(form.slotMinutes),
    capacity: formNumber(form.capacity),
  }),
};

/** A new integration client: one checkbox per scope ("scope-slots:write": "on") becomes the list of scopes. */
export const createIntegrationClientForm: FormSchema<typeof createIntegrationClientSchema> = {
  fields: z.object({
    name: field,
    webhookUrl: field,
    ...Object.fromEntries(INTEGRATION_SCOPES.map((scope) => [`scope-${scope}`, checkbox])),
  }),
  domain: createIntegrationClientSchema,
  toDomain: (form) => ({
    name: form.name,
    scopes: INTEGRATION_SCOPES.filter((scope) => form[`scope-${scope}`] === "on"),
    ...(form.webhookUrl === undefined ? {} : { webhookUrl: form.webhookUrl }),
  }),
  fieldOf: (path) => String(path[0]),
};
