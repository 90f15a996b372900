// One room, for staff and portal users alike: what it is about, where the work stands,
// the conversation and the documents. Opening it marks it read.
import { useEffect } from "react";
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { MeView, RoomStaffView } from "../../api/types";
import { FormError } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { Link } from "../../router";
import { Conversation } from "./Conversation";
import { Documents } from "./Documents";
import { Timeline } from "./Timeline";

function Members({ room }: { room: RoomStaffView }) {
  return (
    <details className="members">
      <summary>{room.members.length} members</summary>
      <ul className="plain">
        {room.members.map((m) => <li key={m.user_id}>{m.name} <span className="hint">({m.side === "staff" ? "staff" : "client"})</span></li>)}
      </ul>
    </details>
  );
}

export function Room({ me, roomId }: { me: MeView; roomId: string }) {
  const slug = me.firm.slug;
  const staff = me.role !== "client";
  const room = useLoad(() => api.GET("/rooms/{room_id}", { params: { path: { room_id: roomId } } }), [roomId]);
  useEffect(() => {
    void api.POST("/rooms/{room_id}/read", { params: { path: { room_id: roomId } } });
  }, [roomId]);
  // A room just made gets its client's and service's names and its members from the
  // table stream a moment later: look again until they are there.
  const furnishing = !!room.data && !(room.data as RoomStaffView).client_name;
  useEffect(() => {
    if (!furnishing) return;
    const again = setTimeout(room.reload, 700);
    return () => clearTimeout(again);
  }, [furnishing, room.data]);
  if (room.problem) return <><h1>Room</h1><FormError message={formErrors(room.problem).form} /></>;
  if (!room.data) return <p role="status">Loading…</p>;
  const data = room.data as RoomStaffView;
  return (
    <>
      <p><Link to={staff ? `/${slug}/rooms` : `/${slug}`}>{staff ? "← All rooms" : "← Home"}</Link></p>
      <h1>{data.name}</h1>
      <p className="lead">
        {data.service_name} · {staff ? <Link to={`/${slug}/clients/${data.client_id}`}>{data.client_name}</Link> : data.client_name}
        {data.status === "archived" ? <span className="status"> Archived</span> : null}
      </p>
      {data.description ? <p>{data.description}</p> : null}
      <Members room={data} />
      <Timeline roomId={roomId} serviceId={data.service_id} staff={staff} />
      <Conversation roomId={roomId} staff={staff} />
      <Documents roomId={roomId} clientId={data.client_id} slug={slug} staff={staff} />
    </>
  );
}
