import { portalLabel } from "./format";

export function Status({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{portalLabel(status)}</span>;
}
