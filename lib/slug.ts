// The one spelling of a slug (cities, institutions, departments, packages):
// lower-case ASCII words joined by single hyphens, at most 100 characters.
import { z } from "zod";

export const slugParam = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
