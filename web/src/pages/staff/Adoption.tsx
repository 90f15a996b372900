// How many of the firm's clients use the portal, in total and per professional.
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { AdoptionRow } from "../../api/types";
import { FormError } from "../../components/Field";
import { moment } from "../../components/format";
import { useLoad } from "../../components/useLoad";

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((100 * part) / whole)}%` : "—";
}

function Row({ label, row, header = false }: { label: string; row: AdoptionRow; header?: boolean }) {
  const clients = row.clients ?? 0;
  const Cell = header ? "th" : "td";
  return (
    <tr>
      <th scope="row">{label}</th>
      <Cell>{clients}</Cell>
      <Cell>{row.invited ?? 0} <span className="hint">({percent(row.invited ?? 0, clients)})</span></Cell>
      <Cell>{row.accepted ?? 0} <span className="hint">({percent(row.accepted ?? 0, clients)})</span></Cell>
      <Cell>{row.active_30d ?? 0} <span className="hint">({percent(row.active_30d ?? 0, clients)})</span></Cell>
    </tr>
  );
}

export function Adoption() {
  const report = useLoad(() => api.GET("/reports/portal-adoption"), []);
  const staff = useLoad(() => api.GET("/staff", { params: { query: { limit: 200 } } }), []);
  const names = new Map((staff.data?.items ?? []).map((user) => [user.id, user.name]));
  const data = report.data;
  return (
    <>
      <h1>Portal adoption</h1>
      <FormError message={report.problem ? formErrors(report.problem).form : null} />
      {data ? (
        <>
          <p className="hint spaced">Active clients, and how many of them were invited, have a portal user, and signed in within 30 days. As of {moment(data.as_of)}.</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">Professional</th><th scope="col">Clients</th><th scope="col">Invited</th><th scope="col">Accepted</th><th scope="col">Active (30 days)</th></tr>
              </thead>
              <tbody>
                {data.by_professional.map((row) => (
                  <Row key={row.professional_id ?? "none"} row={row}
                    label={row.professional_id ? names.get(row.professional_id) ?? "Former colleague" : "Unassigned"} />
                ))}
              </tbody>
              <tfoot><Row label="All clients" row={data.total} /></tfoot>
            </table>
          </div>
        </>
      ) : report.loading ? <p role="status">Loading…</p> : null}
    </>
  );
}
