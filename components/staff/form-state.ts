// What a console form's server action answers: a message to announce, the
// field problems in the user's language, and details (e.g. slots kept).
export interface FormState {
  status: "ok" | "error";
  code?: string;
  message: string;
  fields: Record<string, string>;
  details: string[];
  /** Changes on every answer so the same message is announced again. */
  at: number;
}
