// The firm's clients, searched as you type (any word of the name, from two letters).
import { useState } from "react";
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { ClientSummaryView } from "../../api/types";
import { FormError } from "../../components/Field";
import { Status } from "../../components/Status";
import { useDebounced } from "../../components/useDebounced";
import { useLoad } from "../../components/useLoad";
import { Link } from "../../router";

export function Clients({ slug }: { slug: string }) {
  const [typed, setTyped] = useState("");
  const q = useDebounced(typed.trim(), 200);
  const searching = q.length >= 2;
  const clients = useLoad(() => api.GET("/clients", {
    params: { query: searching ? { q, limit: 50 } : { limit: 50, order: "name" } } }), [q]);
  const items = (clients.data?.items ?? []) as ClientSummaryView[];
  return (
    <>
      <h1>Clients</h1>
      <div className="field search">
        <label htmlFor="client-search">Search clients</label>
        <input id="client-search" type="search" value={typed} autoComplete="off"
          placeholder="Type a name" onChange={(e) => setTyped(e.target.value)} />
      </div>
      <FormError message={clients.problem ? formErrors(clients.problem).form : null} />
      <p className="hint" role="status" aria-live="polite">
        {clients.loading ? "Searching…" : `${items.length} client${items.length === 1 ? "" : "s"}${searching ? ` matching “${q}”` : ""}`}
      </p>
      <ul className="rows" aria-label="Clients">
        {items.map((client) => (
          <li key={client.id} className="row">
            <Link to={`/${slug}/clients/${client.id}`} className="row-title">{client.display_name}</Link>
            <span className="row-meta">{client.kind === "entity" ? "Organisation" : "Individual"}</span>
            <Status status={client.portal_status} />
            {client.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}
          </li>
        ))}
      </ul>
    </>
  );
}
