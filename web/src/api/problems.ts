// Turns an API problem (application/problem+json) into what a form shows: a message
// for the whole form and one per field, keyed by the field's path without "body.".
import type { Problem } from "./types";

export interface FormErrors {
  form: string | null;
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { form: null, fields: {} };

function fieldName(loc: string): string {
  return loc.replace(/^(body|query|path)\.?/, "");
}

export function formErrors(problem: unknown, known: readonly string[] = []): FormErrors {
  const p = (problem ?? {}) as Partial<Problem>;
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const error of p.errors ?? []) {
    const name = fieldName(error.loc ?? "");
    const owner = known.find((field) => name === field || name.startsWith(`${field}.`));
    if (owner && !fields[owner]) fields[owner] = error.msg ?? "Invalid value.";
    else unplaced.push(name ? `${name}: ${error.msg}` : String(error.msg));
  }
  const placedAll = Object.keys(fields).length > 0 && unplaced.length === 0;
  const form = placedAll ? null : [p.detail ?? p.title ?? "Something went wrong.", ...unplaced].join(" ");
  return { form, fields };
}
