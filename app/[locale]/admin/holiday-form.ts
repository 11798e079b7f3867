// The holiday import form as importHolidayYear's typed input: the pasted
// holiday-cn JSON becomes the arrangement (text that is not JSON is left as
// text, so the use case's schema names the field "arrangement"), the "save"
// checkbox a boolean. A problem inside the file is named by its path in the
// file ("days.3.date"), which is what the official has in front of them.
import { z } from "zod";
import { importHolidayYearSchema } from "@/lib/holidays/import-holiday-year";
import { checkbox, field, type FormSchema } from "@/app/[locale]/_console/form-schema";

function parsedOrText(text: unknown): unknown {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const importHolidayYearForm: FormSchema<typeof importHolidayYearSchema> = {
  fields: z.object({ arrangement: field, save: checkbox }),
  domain: importHolidayYearSchema,
  toDomain: (form) => ({ arrangement: parsedOrText(form.arrangement), save: form.save === "on" }),
  fieldOf: (path) =>
    path[0] === "arrangement" && path.length > 1
      ? path.slice(1).map(String).join(".")
      : path.map(String).join("."),
};
