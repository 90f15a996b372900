// One client for staff: details, contacts, and each contact's portal invitation
// (invite by email or SMS, resend, remove) with its status.
import { useState, type FormEvent } from "react";
import { api, idempotencyKey } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import type { ClientStaffView, SealedClientContact } from "../../api/types";
import { FormError, Notice, SelectField } from "../../components/Field";
import { day, moment } from "../../components/format";
import { Status } from "../../components/Status";
import { useLoad } from "../../components/useLoad";
import { Link } from "../../router";
import { NewRoom } from "./NewRoom";
import { RoomRows } from "./Rooms";

type Method = "email" | "sms";

function destinations(contact: SealedClientContact, method: Method): string[] {
  return method === "email"
    ? contact.emails.map((e) => e.address)
    : contact.phones.filter((p) => p.kind === "mobile").map((p) => p.number);
}

function PortalDetails({ contact }: { contact: SealedClientContact }) {
  const portal = contact.portal;
  return (
    <dl className="facts">
      <dt>Portal</dt><dd><Status status={portal.status} /></dd>
      {portal.sent_to ? <><dt>Sent to</dt><dd>{portal.sent_to} ({portal.method === "sms" ? "SMS" : "email"})</dd></> : null}
      {portal.status === "pending" ? <><dt>Expires</dt><dd>{day(portal.expires_at)}</dd></> : null}
      {portal.login_email ? <><dt>Signs in as</dt><dd>{portal.login_email}</dd></> : null}
      {portal.status === "accepted" ? <><dt>Last sign-in</dt><dd>{moment(portal.last_login_at)}</dd></> : null}
    </dl>
  );
}

function PortalActions({ clientId, contact, onChange }: { clientId: string; contact: SealedClientContact; onChange: (message: string) => void }) {
  const [method, setMethod] = useState<Method>(contact.portal.method ?? "email");
  const options = destinations(contact, method);
  const [to, setTo] = useState(contact.portal.sent_to ?? options[0] ?? "");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const path = { client_id: clientId, contact_id: contact.id };
  const status = contact.portal.status;
  const canRemove = status === "pending" || status === "accepted";
  const again = status === "pending" || status === "expired";

  const pick = (next: Method) => {
    setMethod(next);
    setTo(destinations(contact, next)[0] ?? "");
  };
  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    // The person as listed, sealed: the invitation is one write, with nothing read first.
    const { error } = await api.POST("/clients/{client_id}/contacts/{contact_id}/invite", {
      params: { path, header: { "Idempotency-Key": idempotencyKey() } },
      body: { method, to, sealed: contact.sealed ?? undefined } });
    setBusy(false);
    setErrors(error ? formErrors(error, ["to", "method"]) : NO_ERRORS);
    if (!error) onChange(`Invitation sent to ${to}.`);
  };
  const remove = async () => {
    setBusy(true);
    // The person as listed, sealed, spares the API a read; one changed since is written from as they now stand.
    const { error } = await api.POST("/clients/{client_id}/contacts/{contact_id}/remove", {
      params: { path }, body: contact.sealed ? { sealed: contact.sealed } : undefined });
    setBusy(false);
    setErrors(error ? formErrors(error) : NO_ERRORS);
    if (!error) onChange(`${contact.first_name} no longer has portal access.`);
  };
  if (status === "accepted") {
    return (
      <div className="actions">
        <FormError message={errors.form} />
        <button type="button" className="danger" disabled={busy} onClick={remove}>Remove portal access</button>
      </div>
    );
  }
  return (
    <form className="invite" onSubmit={invite} noValidate aria-label={`Portal invitation for ${contact.first_name}`}>
      <FormError message={errors.form} />
      <div className="inline-fields">
        <SelectField label="Send by" value={method} onChange={(e) => pick(e.target.value as Method)} error={errors.fields.method}>
          <option value="email">Email</option>
          <option value="sms">SMS</option>
        </SelectField>
        <SelectField label="To" value={to} onChange={(e) => setTo(e.target.value)} error={errors.fields.to}
          disabled={options.length === 0}>
          {options.length === 0 ? <option value="">{method === "sms" ? "No mobile number" : "No email address"}</option> : null}
          {options.map((option) => <option key={option} value={option}>{option}</option>)}
        </SelectField>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy || !to}>{again ? "Resend invitation" : "Invite to portal"}</button>
        {canRemove ? <button type="button" className="danger" disabled={busy} onClick={remove}>Withdraw invitation</button> : null}
      </div>
    </form>
  );
}

function ClientRooms({ slug, clientId }: { slug: string; clientId: string }) {
  const rooms = useLoad(() => api.GET("/rooms", { params: { query: { client_id: clientId, limit: 100 } } }), [clientId]);
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="client-rooms">
      <h2 id="client-rooms">Rooms</h2>
      <FormError message={rooms.problem ? formErrors(rooms.problem).form : null} />
      {!rooms.loading && !rooms.data?.items.length ? <p>No rooms yet.</p> : null}
      <RoomRows slug={slug} rooms={rooms.data?.items ?? []} />
      <div className="actions">
        <button type="button" onClick={() => setCreating(!creating)} aria-expanded={creating}>New room for this client</button>
      </div>
      {creating ? <NewRoom slug={slug} clientId={clientId} /> : null}
    </section>
  );
}

function ContactCard({ clientId, contact, onChange }: { clientId: string; contact: SealedClientContact; onChange: (m: string) => void }) {
  const name = [contact.first_name, contact.last_name].filter(Boolean).join(" ");
  return (
    <li className="card contact">
      <h3>{name} {contact.primary ? <span className="tag">Primary</span> : null}</h3>
      <p className="hint">{contact.role === "co_owner" ? "Co-owner" : "Authorised user"}</p>
      <ul className="plain">
        {contact.emails.map((e) => <li key={e.address}>{e.address}{e.label ? ` (${e.label})` : ""}</li>)}
        {contact.phones.map((p) => <li key={p.number}>{p.number} ({p.kind})</li>)}
      </ul>
      <PortalDetails contact={contact} />
      <PortalActions key={`${contact.portal.status}-${contact.portal.invited_at}`} clientId={clientId} contact={contact} onChange={onChange} />
    </li>
  );
}

export function ClientPage({ slug, clientId }: { slug: string; clientId: string }) {
  const client = useLoad(() => api.GET("/clients/{client_id}", { params: { path: { client_id: clientId } } }), [clientId]);
  const contacts = useLoad(() => api.GET("/clients/{client_id}/contacts", {
    params: { path: { client_id: clientId }, query: { limit: 200 } } }), [clientId]);
  const [message, setMessage] = useState<string | null>(null);
  const data = client.data as ClientStaffView | null;
  if (client.problem) return <><h1>Client</h1><FormError message={formErrors(client.problem).form} /></>;
  if (!data) return <p role="status">Loading…</p>;
  const changed = (text: string) => {
    setMessage(text);
    contacts.reload();
    client.reload();
  };
  return (
    <>
      <p><Link to={`/${slug}/clients`}>← All clients</Link></p>
      <h1>{data.display_name}</h1>
      <dl className="facts">
        {data.legal_name ? <><dt>Legal name</dt><dd>{data.legal_name}</dd></> : null}
        <dt>Kind</dt><dd>{data.kind === "entity" ? "Organisation" : "Individual"}</dd>
        <dt>Portal</dt><dd><Status status={data.portal_status} /></dd>
        {data.tags.length ? <><dt>Tags</dt><dd>{data.tags.map((t) => <span key={t} className="tag">{t}</span>)}</dd></> : null}
        {data.notes ? <><dt>Notes</dt><dd>{data.notes}</dd></> : null}
      </dl>
      <p className="actions">
        <Link to={`/${slug}/clients/${clientId}/documents`}>Documents</Link>
        <Link to={`/${slug}/clients/${clientId}/document-trail`}>Document trail</Link>
      </p>
      <ClientRooms slug={slug} clientId={clientId} />
      {message ? <Notice>{message}</Notice> : null}
      <section aria-labelledby="contacts">
        <h2 id="contacts">Contacts and portal access</h2>
        <FormError message={contacts.problem ? formErrors(contacts.problem).form : null} />
        <ul className="cards">
          {(contacts.data?.items ?? []).map((contact) => (
            <ContactCard key={contact.id} clientId={clientId} contact={contact} onChange={changed} />
          ))}
        </ul>
      </section>
    </>
  );
}
