// A portal user's home: the firm's announcements, the survey when one waits, and per
// client the rooms with where the work stands, the job status and unread counts.
import { api } from "../api/client";
import { formErrors } from "../api/problems";
import type { AnnouncementHomeView, ClientClientView, MeView, RoomHomeView } from "../api/types";
import { FormError } from "../components/Field";
import { day, plural } from "../components/format";
import { useLoad } from "../components/useLoad";
import { Link } from "../router";
import { Survey } from "./client/Survey";

const KIND = { individual: "Personal", entity: "Organisation" } as const;

function Announcements({ items }: { items: AnnouncementHomeView[] }) {
  const shown = items.filter((a) => !a.dismissed);
  if (!shown.length) return null;
  return (
    <section aria-labelledby="announcements">
      <h2 id="announcements">News from your firm</h2>
      {shown.map((a) => (
        <article key={a.id} className="card announcement">
          <h3>{a.title}</h3>
          <p>{a.body}</p>
        </article>
      ))}
    </section>
  );
}

function RoomCard({ slug, room }: { slug: string; room: RoomHomeView }) {
  return (
    <li className="card room-card">
      <h4><Link to={`/${slug}/rooms/${room.room_id}`}>{room.name}</Link></h4>
      <p className="hint">{room.service_name}</p>
      <dl className="facts">
        {room.step ? <><dt>Stage</dt><dd>{room.step}</dd></> : null}
        {room.job_status ? <><dt>Status</dt><dd>{room.job_status}</dd></> : null}
        {room.event_date ? <><dt>Date</dt><dd>{day(room.event_date)}</dd></> : null}
      </dl>
      {room.locked ? <p className="hint">Changes are closed since {day(room.locked_from)}.</p> : null}
      {room.unread ? <p><span className="unread">{room.unread}</span> {plural(room.unread, "new item")}</p> : null}
    </li>
  );
}

export function ClientHome({ me }: { me: MeView }) {
  const slug = me.firm.slug;
  const clients = useLoad(() => api.GET("/clients", { params: { query: { limit: 200 } } }), []);
  const home = useLoad(() => api.GET("/me/portal"), []);
  const survey = useLoad(() => api.GET("/me/survey"), []);
  const clientList = (clients.data?.items ?? []) as ClientClientView[];
  const roomsOf = new Map((home.data?.clients ?? []).map((entry) => [entry.client_id, entry.rooms]));
  const first = me.user.name.split(" ")[0];
  const problem = clients.problem ?? home.problem;
  // A tool the firm hides is not offered (its routes answer 404 anyway).
  const documents = home.data?.visible_tools.includes("documents") ?? false;
  return (
    <>
      <h1>Hello, {first}</h1>
      <p className="lead">
        Your portal with {me.firm.name}.
        {home.data?.unread_total ? ` You have ${plural(home.data.unread_total, "new item")}.` : ""}
      </p>
      <FormError message={problem ? formErrors(problem).form : null} />
      {survey.data?.pending.length ? <Survey key={survey.data.pending[0]?.client_id} survey={survey.data} onDone={survey.reload} /> : null}
      <Announcements items={home.data?.announcements ?? []} />
      <section aria-labelledby="your-clients">
        <h2 id="your-clients">Your accounts</h2>
        {(clients.loading && !clients.data) || (home.loading && !home.data) ? <p role="status">Loading…</p> : null}
        {clientList.map((client) => {
          const rooms = roomsOf.get(client.id) ?? [];
          return (
            <article key={client.id} className="client-block">
              <h3>{client.display_name} <span className="tag">{KIND[client.kind]}</span></h3>
              {documents ? <p><Link to={`/${slug}/clients/${client.id}/documents`}>Documents of {client.display_name}</Link></p> : null}
              {rooms.length ? (
                <ul className="cards" aria-label={`Rooms of ${client.display_name}`}>
                  {rooms.map((room) => <RoomCard key={room.room_id} slug={slug} room={room} />)}
                </ul>
              ) : <p className="hint">Nothing here yet.</p>}
            </article>
          );
        })}
      </section>
    </>
  );
}
