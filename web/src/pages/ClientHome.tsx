// A portal user's home: the clients (household, companies) they belong to.
import { api } from "../api/client";
import type { ClientClientView, MeView } from "../api/types";
import { FormError } from "../components/Field";
import { formErrors } from "../api/problems";
import { useLoad } from "../components/useLoad";

const KIND = { individual: "Personal", entity: "Organisation" } as const;

export function ClientHome({ me }: { me: MeView }) {
  const clients = useLoad(() => api.GET("/clients", { params: { query: { limit: 200 } } }), []);
  const items = (clients.data?.items ?? []) as ClientClientView[];
  const first = me.user.name.split(" ")[0];
  return (
    <>
      <h1>Hello, {first}</h1>
      <p className="lead">Your portal with {me.firm.name}.</p>
      <FormError message={clients.problem ? formErrors(clients.problem).form : null} />
      <section aria-labelledby="your-clients">
        <h2 id="your-clients">Your accounts</h2>
        {clients.loading && !clients.data ? <p role="status">Loading…</p> : null}
        <ul className="cards">
          {items.map((client) => (
            <li key={client.id} className="card client-card">
              <h3>{client.display_name}</h3>
              {client.legal_name ? <p className="hint">{client.legal_name}</p> : null}
              <p><span className="tag">{KIND[client.kind]}</span></p>
            </li>
          ))}
        </ul>
        {!clients.loading && items.length === 0 ? <p>Nothing here yet.</p> : null}
      </section>
    </>
  );
}
