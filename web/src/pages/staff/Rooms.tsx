// Every room of the firm, with filters (status, mine, service) and search as you type.
import { useState } from "react";
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { RoomRowView } from "../../api/types";
import { FormError, SelectField } from "../../components/Field";
import { plural } from "../../components/format";
import { useDebounced } from "../../components/useDebounced";
import { useLoad } from "../../components/useLoad";
import { Link } from "../../router";
import { NewRoom } from "./NewRoom";

type Status = "active" | "archived";

export function RoomRows({ slug, rooms }: { slug: string; rooms: RoomRowView[] }) {
  return (
    <ul className="rows" aria-label="Rooms">
      {rooms.map((room) => (
        <li key={room.id} className="row">
          <Link to={`/${slug}/rooms/${room.id}`} className="row-title">{room.name}</Link>
          <span className="row-meta">{room.client_name} · {room.service_name}</span>
          {room.status === "archived" ? <span className="status">Archived</span> : null}
          {room.unread ? <span className="unread" aria-label={`${plural(room.unread, "unread item")}`}>{room.unread}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function Rooms({ slug }: { slug: string }) {
  const [typed, setTyped] = useState("");
  const [status, setStatus] = useState<Status>("active");
  const [mine, setMine] = useState(false);
  const [service, setService] = useState("");
  const [creating, setCreating] = useState(false);
  const q = useDebounced(typed.trim(), 200);
  const services = useLoad(() => api.GET("/services"), []);
  const rooms = useLoad(() => api.GET("/rooms", { params: { query: {
    limit: 100, status, ...(mine ? { mine: true } : {}), ...(service ? { service_id: service } : {}), ...(q.length >= 2 ? { q } : {}),
  } } }), [q, status, mine, service]);
  const items = (rooms.data?.items ?? []) as RoomRowView[];
  return (
    <>
      <h1>Rooms</h1>
      <div className="actions">
        <button type="button" onClick={() => setCreating(!creating)} aria-expanded={creating}>New room</button>
      </div>
      {creating ? <NewRoom slug={slug} /> : null}
      <div className="filters">
        <div className="field search">
          <label htmlFor="room-search">Search rooms</label>
          <input id="room-search" type="search" value={typed} autoComplete="off" placeholder="Room or client name"
            onChange={(e) => setTyped(e.target.value)} />
        </div>
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          <option value="active">Active</option>
          <option value="archived">Archived</option>
        </SelectField>
        <SelectField label="Service" value={service} onChange={(e) => setService(e.target.value)}>
          <option value="">All services</option>
          {(services.data?.items ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
        <label className="check"><input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Only my rooms</label>
      </div>
      <FormError message={rooms.problem ? formErrors(rooms.problem).form : null} />
      <p className="hint" role="status" aria-live="polite">{rooms.loading ? "Searching…" : plural(items.length, "room")}</p>
      <RoomRows slug={slug} rooms={items} />
    </>
  );
}
