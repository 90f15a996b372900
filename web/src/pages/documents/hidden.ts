import type { Problem } from "../../api/types";

/** A portal user asking for a tool the firm hides gets 404, as for something missing. */
export function isHidden(problem: unknown): boolean {
  return (problem as Partial<Problem> | null)?.status === 404;
}
