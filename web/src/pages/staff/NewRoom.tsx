// Open a room for a client: from the rooms list (pick the client) or from a client's
// page (the client is given). The service decides the default members.
import { useState, type FormEvent } from "react";
import { api, idempotencyKey } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import { Field, FormError, SelectField } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { navigate } from "../../router";

const FIELDS = ["client_id", "service_id", "name", "description"] as const;

export function NewRoom({ slug, clientId }: { slug: string; clientId?: string }) {
  const services = useLoad(() => api.GET("/services"), []);
  const clients = useLoad(() => (clientId ? Promise.resolve({ data: undefined })
    : api.GET("/clients", { params: { query: { limit: 200, order: "name" } } })), [clientId]);
  const [client, setClient] = useState(clientId ?? "");
  const [service, setService] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const active = (services.data?.items ?? []).filter((s) => s.status === "active");
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const header = { "Idempotency-Key": idempotencyKey() };
    const answer = clientId
      ? await api.POST("/clients/{client_id}/rooms", { params: { path: { client_id: clientId }, header }, body: { service_id: service, name } })
      : await api.POST("/rooms", { params: { header }, body: { client_id: client, service_id: service, name } });
    setBusy(false);
    if (answer.data) navigate(`/${slug}/rooms/${answer.data.id}`);
    else setErrors(formErrors(answer.error, FIELDS));
  };
  return (
    <form className="card" onSubmit={create} noValidate aria-label="New room">
      <h2>New room</h2>
      <FormError message={errors.form} />
      {clientId ? null : (
        <SelectField label="Client" value={client} onChange={(e) => setClient(e.target.value)} error={errors.fields.client_id}>
          <option value="">Choose a client</option>
          {(clients.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.display_name}</option>)}
        </SelectField>
      )}
      <SelectField label="Service" value={service} onChange={(e) => setService(e.target.value)} error={errors.fields.service_id}>
        <option value="">Choose a service</option>
        {active.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </SelectField>
      <Field label="Room name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name}
        placeholder="2025 tax return" />
      <button type="submit" disabled={busy}>Open room</button>
    </form>
  );
}
