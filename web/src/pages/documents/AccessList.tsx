// What happened to documents, newest first: when, what, who (staff by name, from the
// firm's staff list; portal users and Atrium itself by role, as the API records them)
// and from where (address and browser).
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { AccessView } from "../../api/types";
import { FormError } from "../../components/Field";
import { moment } from "../../components/format";
import { useLoad } from "../../components/useLoad";

const ACTION: Record<string, string> = {
  uploaded: "Uploaded", versioned: "Uploaded a new version", downloaded: "Downloaded", renamed: "Renamed",
  moved: "Moved", trashed: "Put in the trash", restored: "Restored", purged: "Purged", rejected: "Rejected",
};

const ROLE: Record<string, string> = { client: "Portal user", system: "Atrium" };

function useStaffNames(): Map<string, string> {
  const staff = useLoad(() => api.GET("/staff", { params: { query: { limit: 200 } } }), []);
  return new Map((staff.data?.items ?? []).map((user) => [user.id, user.name]));
}

function who(entry: AccessView, names: Map<string, string>): string {
  const name = entry.user_id ? names.get(entry.user_id) : undefined;
  return name ?? ROLE[entry.user_role ?? ""] ?? entry.user_role ?? "—";
}

interface Props {
  /** The id of the heading that names the list. */
  labelledBy: string;
  entries: AccessView[];
  problem: unknown;
  loading: boolean;
  /** A client's trail names the file of each entry; a document's own history need not. */
  showFile?: boolean;
}

export function AccessList({ labelledBy, entries, problem, loading, showFile = false }: Props) {
  const names = useStaffNames();
  if (problem) return <FormError message={formErrors(problem).form} />;
  if (!loading && entries.length === 0) return <p>Nothing recorded yet.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table className="trail" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">When</th>{showFile ? <th scope="col">Document</th> : null}<th scope="col">What</th>
            <th scope="col">Who</th><th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td><time dateTime={entry.at}>{moment(entry.at)}</time></td>
              {showFile ? <td>{entry.file_name}</td> : null}
              <td>{ACTION[entry.action] ?? entry.action}{entry.detail ? ` (${entry.detail})` : ""}</td>
              <td>{who(entry, names)}</td>
              <td className="from">{entry.source_ip ?? "—"}{entry.user_agent ? <span className="hint">{entry.user_agent}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
