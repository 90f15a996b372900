export function day(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
}

export function moment(iso: string | null | undefined): string {
  if (!iso) return "never";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const PORTAL_LABELS: Record<string, string> = {
  not_invited: "Not invited", pending: "Invitation sent", accepted: "Portal user",
  expired: "Invitation expired", revoked: "Removed", none: "No portal", invited: "Invited", active: "Active",
};

export function portalLabel(status: string): string {
  return PORTAL_LABELS[status] ?? status;
}

// The API checks the policy and names the field when it says no; this only guides.
export const PASSWORD_HINT = "At least 12 characters, with upper- and lower-case letters, a digit and a symbol.";

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
