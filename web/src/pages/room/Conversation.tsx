// A room's threads: each message with its replies and a box to answer. Staff also
// write internal notes and set internal tags; both are marked "Internal" wherever they
// show, and the API never sends them to portal users.
import { useState, type FormEvent } from "react";
import { api, idempotencyKey } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import type { FeedClientView, FeedStaffView } from "../../api/types";
import { FormError } from "../../components/Field";
import { moment, plural } from "../../components/format";
import { Markdown } from "../../components/Markdown";
import { TextArea } from "../../components/TextArea";
import { useLoad } from "../../components/useLoad";

export type FeedItem = FeedStaffView | FeedClientView;

function isInternal(item: FeedItem): boolean {
  return "visibility" in item && item.visibility === "internal";
}

function InternalTags({ roomId, item, onSaved }: { roomId: string; item: FeedStaffView; onSaved: () => void }) {
  const [text, setText] = useState((item.tags ?? []).join(", "));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const tags = text.split(",").map((t) => t.trim()).filter(Boolean);
    const { error } = await api.PUT("/rooms/{room_id}/items/{item_id}/tags", {
      params: { path: { room_id: roomId, item_id: item.id } }, body: { tags } });
    setErrors(error ? formErrors(error, ["tags"]) : NO_ERRORS);
    if (!error) onSaved();
  };
  return (
    <form className="tags-form" onSubmit={save} noValidate aria-label="Internal tags">
      <FormError message={errors.form ?? errors.fields.tags ?? null} />
      <label className="visually-hidden" htmlFor={`tags-${item.id}`}>Internal tags (comma separated)</label>
      <input id={`tags-${item.id}`} value={text} onChange={(e) => setText(e.target.value)} placeholder="Internal tags, comma separated" />
      <button type="submit" className="quiet">Save tags</button>
    </form>
  );
}

function Byline({ item }: { item: FeedItem }) {
  return (
    <p className="byline">
      <strong>{item.actor_name ?? "Someone"}</strong> · <time dateTime={item.at}>{moment(item.at)}</time>
      {isInternal(item) ? <span className="internal-badge">Internal</span> : null}
      {item.edited ? <span className="hint"> (edited)</span> : null}
    </p>
  );
}

function Replies({ roomId, thread, onReplied }: { roomId: string; thread: FeedItem; onReplied: () => void }) {
  const replies = useLoad(() => api.GET("/rooms/{room_id}/threads/{thread_id}", {
    params: { path: { room_id: roomId, thread_id: thread.id }, query: { limit: 100 } } }), [roomId, thread.id]);
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const { error } = await api.POST("/rooms/{room_id}/threads/{thread_id}/replies", {
      params: { path: { room_id: roomId, thread_id: thread.id }, header: { "Idempotency-Key": idempotencyKey() } },
      body: { body: text } });
    setBusy(false);
    setErrors(error ? formErrors(error, ["body"]) : NO_ERRORS);
    if (!error) {
      setText("");
      replies.reload();
      onReplied();
    }
  };
  return (
    <div className="replies">
      <ol className="plain" aria-label="Replies">
        {(replies.data?.replies ?? []).map((reply) => (
          <li key={reply.id} className="reply">
            <Byline item={reply} />
            {reply.deleted ? <p className="message-body"><em>Deleted</em></p> : <Markdown source={reply.body ?? ""} />}
          </li>
        ))}
      </ol>
      <form onSubmit={send} noValidate aria-label="Reply">
        <FormError message={errors.form} />
        <TextArea label={isInternal(thread) ? "Reply (internal)" : "Your reply"} value={text}
          onChange={(e) => setText(e.target.value)} error={errors.fields.body} rows={3} />
        <button type="submit" disabled={busy || !text.trim()}>Send reply</button>
      </form>
    </div>
  );
}

function Thread({ roomId, item, staff, onChange }: { roomId: string; item: FeedItem; staff: boolean; onChange: () => void }) {
  const [open, setOpen] = useState(false);
  const count = item.reply_count ?? 0;
  return (
    <li className={`card thread${isInternal(item) ? " internal" : ""}`}>
      <Byline item={item} />
      {item.deleted ? <p className="message-body"><em>Deleted</em></p> : <Markdown source={item.body ?? ""} />}
      {staff && "tags" in item && item.tags?.length ? (
        <p>{item.tags.map((tag) => <span key={tag} className="tag internal-tag" title="Internal tag">{tag}</span>)}</p>
      ) : null}
      <button type="button" className="quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "Hide replies" : count ? `Show ${plural(count, "reply", "replies")} and answer` : "Reply"}
      </button>
      {open ? <Replies roomId={roomId} thread={item} onReplied={onChange} /> : null}
      {staff && open ? <InternalTags roomId={roomId} item={item as FeedStaffView} onSaved={onChange} /> : null}
    </li>
  );
}

function Compose({ roomId, staff, onSent }: { roomId: string; staff: boolean; onSent: () => void }) {
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const post = async (internal: boolean) => {
    setBusy(true);
    const params = { path: { room_id: roomId }, header: { "Idempotency-Key": idempotencyKey() } };
    const { error } = internal
      ? await api.POST("/rooms/{room_id}/notes", { params, body: { body: text } })
      : await api.POST("/rooms/{room_id}/threads", { params, body: { body: text } });
    setBusy(false);
    setErrors(error ? formErrors(error, ["body"]) : NO_ERRORS);
    if (!error) {
      setText("");
      onSent();
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void post(false);
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="New message">
      <FormError message={errors.form} />
      <TextArea label="New message" value={text} onChange={(e) => setText(e.target.value)} error={errors.fields.body} rows={3}
        hint={staff ? "A message is seen by everyone in the room; an internal note only by staff." : undefined} />
      <div className="actions">
        <button type="submit" disabled={busy || !text.trim()}>Send message</button>
        {staff ? <button type="button" className="quiet" disabled={busy || !text.trim()} onClick={() => void post(true)}>Add internal note</button> : null}
      </div>
    </form>
  );
}

const ACTIVITY: Record<string, string> = {
  room_created: "opened the room", member_added: "added a member", member_removed: "removed a member",
  document_shared: "shared a document", done_uploading: "is done uploading", phase_changed: "moved the work on",
  timeline_moved: "moved the timeline", job_status_set: "set the job status", members_emailed: "emailed the members",
};

function Activity({ item }: { item: FeedItem }) {
  const file = typeof item.payload?.file_name === "string" ? `: ${item.payload.file_name}` : "";
  return (
    <li className={`activity${isInternal(item) ? " internal" : ""}`}>
      <span>{item.actor_name ?? "Someone"} {ACTIVITY[item.kind] ?? item.kind.replace(/_/g, " ")}{file}</span>
      {isInternal(item) ? <span className="internal-badge">Internal</span> : null}
      <time className="hint" dateTime={item.at}> {moment(item.at)}</time>
    </li>
  );
}

const THREADS = new Set(["message", "note"]);

export function Conversation({ roomId, staff }: { roomId: string; staff: boolean }) {
  const feed = useLoad(() => api.GET("/rooms/{room_id}/feed", {
    params: { path: { room_id: roomId }, query: { limit: 100 } } }), [roomId]);
  const items = (feed.data?.items ?? []) as FeedItem[];
  const threads = items.filter((i) => THREADS.has(i.kind));
  const activity = items.filter((i) => !THREADS.has(i.kind) && i.kind !== "reply");
  return (
    <>
      <section aria-labelledby="conversation">
        <h2 id="conversation">Conversation</h2>
        <FormError message={feed.problem ? formErrors(feed.problem).form : null} />
        <Compose roomId={roomId} staff={staff} onSent={feed.reload} />
        {!feed.loading && threads.length === 0 ? <p>No messages yet.</p> : null}
        <ul className="cards single" aria-label="Threads">
          {threads.map((item) => <Thread key={item.id} roomId={roomId} item={item} staff={staff} onChange={feed.reload} />)}
        </ul>
      </section>
      <section aria-labelledby="activity">
        <h2 id="activity">Activity</h2>
        <ul className="plain activity-list">{activity.map((item) => <Activity key={item.id} item={item} />)}</ul>
      </section>
    </>
  );
}
