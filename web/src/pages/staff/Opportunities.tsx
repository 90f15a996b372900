// The opportunities board: every service with its open count (a dot when any is open);
// a service's opportunities below, with the toggle that hides clients who already have
// an active room of that service, and a room opened straight from an opportunity.
import { useState } from "react";
import { api, idempotencyKey } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { BoardRow, OpportunitySummary } from "../../api/types";
import { FormError } from "../../components/Field";
import { day } from "../../components/format";
import { useLoad } from "../../components/useLoad";
import { navigate } from "../../router";

function OpportunityList({ slug, service }: { slug: string; service: BoardRow }) {
  const [withRooms, setWithRooms] = useState(true);
  const list = useLoad(() => api.GET("/services/{service_id}/opportunities", { params: {
    path: { service_id: service.service_id }, query: { limit: 100, with_active_rooms: withRooms } } }), [service.service_id, withRooms]);
  const [problem, setProblem] = useState<string | null>(null);
  const open = async (item: OpportunitySummary) => {
    const { data, error } = await api.POST("/opportunities/{opportunity_id}/room", {
      params: { path: { opportunity_id: item.id }, header: { "Idempotency-Key": idempotencyKey() } },
      // The opportunity as listed, sealed, spares the API a read of one with an older id.
      body: { name: `${item.service_name} for ${item.client_name}`, sealed: item.sealed ?? undefined } });
    if (data) navigate(`/${slug}/rooms/${data.room.id}`);
    else setProblem(formErrors(error).form);
  };
  const items = (list.data?.items ?? []) as OpportunitySummary[];
  return (
    <section aria-labelledby="service-opportunities">
      <h2 id="service-opportunities">{service.service_name}</h2>
      <label className="check">
        <input type="checkbox" checked={withRooms} onChange={(e) => setWithRooms(e.target.checked)} />
        {" "}Include clients who already have an active room for this service
      </label>
      <FormError message={problem ?? (list.problem ? formErrors(list.problem).form : null)} />
      {!list.loading && items.length === 0 ? <p>No opportunities.</p> : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Opportunities for {service.service_name}</caption>
          <thead><tr><th scope="col">Client</th><th scope="col">Answered by</th><th scope="col">Survey</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">{item.client_name}</th>
                <td>{item.answered_by_name}</td>
                <td>{day(item.survey_date)}</td>
                <td><span className={`status status-${item.status}`}>{item.status}</span></td>
                <td>{item.status === "open" || item.status === "contacted"
                  ? <button type="button" onClick={() => void open(item)} aria-label={`Open a room for ${item.client_name}`}>Open a room</button> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function Opportunities({ slug }: { slug: string }) {
  const board = useLoad(() => api.GET("/opportunities/board"), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const rows = board.data?.items ?? [];
  const service = rows.find((r) => r.service_id === chosen);
  return (
    <>
      <h1>Opportunities</h1>
      <p className="lead">What clients said yes to in the survey.</p>
      <FormError message={board.problem ? formErrors(board.problem).form : null} />
      <ul className="board" aria-label="Services">
        {rows.map((row) => (
          <li key={row.service_id}>
            <button type="button" className={`board-tile${chosen === row.service_id ? " chosen" : ""}`}
              aria-pressed={chosen === row.service_id} onClick={() => setChosen(row.service_id)}>
              <span className="tile-name">{row.service_name}</span>
              <span className="tile-count">{row.open_count} open</span>
              {row.has_open ? <span className="dot" aria-hidden="true" /> : null}
            </button>
          </li>
        ))}
      </ul>
      {service ? <OpportunityList key={service.service_id} slug={slug} service={service} /> : <p className="hint">Choose a service to see its opportunities.</p>}
    </>
  );
}
