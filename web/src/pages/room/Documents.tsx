// A room's documents: upload straight to storage (presigned), then a list to download
// from. Staff may keep a file internal; it is marked so and clients never see it.
import { useRef, useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import type { DocumentStaffView } from "../../api/types";
import { downloadDocument, uploadDocument } from "../../api/upload";
import { FormError, Notice } from "../../components/Field";
import { day, fileSize } from "../../components/format";
import { useLoad } from "../../components/useLoad";

const STATE = {
  pending: "Uploading", scanning: "Checking for malware", available: "Ready", rejected: "Rejected",
  quarantined: "Malware found", unscanned: "Not checked", trashed: "In the trash", purged: "Deleted",
} as const;

export function Documents({ roomId, staff }: { roomId: string; staff: boolean }) {
  const documents = useLoad(() => api.GET("/rooms/{room_id}/documents", {
    params: { path: { room_id: roomId }, query: { limit: 100 } } }), [roomId]);
  const picker = useRef<HTMLInputElement>(null);
  const [internal, setInternal] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (event: FormEvent) => {
    event.preventDefault();
    const file = picker.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setMessage(null);
    const { document, error } = await uploadDocument(roomId, file, internal);
    setBusy(false);
    setErrors(error ? formErrors(error, ["file_name", "content_type", "size"]) : NO_ERRORS);
    if (document) {
      setMessage(document.status === "available" ? `${document.file_name} is uploaded.` : `${document.file_name}: ${document.reason ?? "rejected"}.`);
      if (picker.current) picker.current.value = "";
      documents.reload();
    }
  };
  const download = async (id: string) => {
    const error = await downloadDocument(id);
    setErrors(error ? formErrors(error) : NO_ERRORS);
  };
  const fileError = errors.fields.file_name ?? errors.fields.content_type ?? errors.fields.size;
  const items = (documents.data?.items ?? []) as DocumentStaffView[];
  return (
    <section aria-labelledby="documents">
      <h2 id="documents">Documents</h2>
      <form className="card" onSubmit={upload} noValidate aria-label="Upload a document">
        <FormError message={errors.form} />
        {message ? <Notice>{message}</Notice> : null}
        <div className="field">
          <label htmlFor="document-file">File</label>
          <input id="document-file" type="file" ref={picker} aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "document-file-error" : undefined} />
          {fileError ? <p className="field-error" id="document-file-error">{fileError}</p> : null}
        </div>
        {staff ? (
          <label className="check"><input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> Internal (staff only)</label>
        ) : null}
        <button type="submit" disabled={busy}>{busy ? "Uploading…" : "Upload"}</button>
      </form>
      <FormError message={documents.problem ? formErrors(documents.problem).form : null} />
      {!documents.loading && items.length === 0 ? <p>No documents yet.</p> : null}
      <ul className="rows" aria-label="Documents">
        {items.map((doc) => (
          <li key={doc.id} className={`row${doc.internal ? " internal" : ""}`}>
            <span className="row-title">{doc.file_name}</span>
            <span className="row-meta">{fileSize(doc.size)} · {doc.uploaded_by_name || "—"} · {day(doc.created_at)}</span>
            <span className={`status status-${doc.status}`}>{STATE[doc.status]}</span>
            {doc.internal ? <span className="internal-badge">Internal</span> : null}
            {doc.status === "available" ? (
              <button type="button" className="quiet" onClick={() => void download(doc.id)} aria-label={`Download ${doc.file_name}`}>Download</button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
