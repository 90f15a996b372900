// One document for staff: what it is and where it is filed, its versions (a download
// each, a new one uploaded straight to storage), rename and move (If-Match: a colleague's
// change in between is a 412, said plainly, never overwritten), the trash and back, and
// who did what to it.
import { useEffect, useState } from "react";
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { DocumentStaffView, VersionView } from "../../api/types";
import { downloadDocument, uploadVersion } from "../../api/upload";
import { FormError, Notice } from "../../components/Field";
import { day, fileSize, moment } from "../../components/format";
import { UploadForm } from "../../components/Upload";
import { useLoad } from "../../components/useLoad";
import { Link } from "../../router";
import { AccessList } from "./AccessList";
import { DocumentState } from "./DocumentRow";
import { Filing } from "./Filing";

function Facts({ doc }: { doc: DocumentStaffView }) {
  return (
    <dl className="facts">
      <dt>State</dt><dd><DocumentState status={doc.status} />{doc.internal ? <span className="internal-badge">Internal</span> : null}</dd>
      <dt>Folder</dt><dd>{doc.folder ?? "None"}</dd>
      <dt>Size</dt><dd>{fileSize(doc.size)}</dd>
      <dt>Type</dt><dd>{doc.content_type}</dd>
      <dt>Uploaded by</dt><dd>{doc.uploaded_by_name || "—"} on {day(doc.created_at)}</dd>
      {doc.trashed_at ? <><dt>In the trash since</dt><dd>{moment(doc.trashed_at)}</dd></> : null}
      {doc.purge_at ? <><dt>Deleted for good</dt><dd>{day(doc.purge_at)}, unless restored before</dd></> : null}
    </dl>
  );
}

function Versions({ doc, onChange }: { doc: DocumentStaffView; onChange: () => void }) {
  const versions = useLoad(() => api.GET("/documents/{document_id}/versions", {
    params: { path: { document_id: doc.id }, query: { limit: 200 } } }), [doc.id, doc.version]);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async (version: VersionView) => {
    const error = await downloadDocument(doc.id, version.id);
    setProblem(error ? formErrors(error).form : null);
  };
  const uploaded = () => {
    versions.reload();
    onChange();
  };
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">Versions</h2>
      <FormError message={problem ?? (versions.problem ? formErrors(versions.problem).form : null)} />
      <ul className="rows" aria-label="Versions">
        {(versions.data?.items ?? []).map((version) => (
          <li key={version.id} className="row">
            <span className="row-title">{version.number ? `Version ${version.number}` : "Not kept"}{version.current ? <span className="tag">Current</span> : null}</span>
            <span className="row-meta">{version.file_name} · {fileSize(version.size)} · {version.uploaded_by_name || "—"} · {moment(version.created_at)}</span>
            {version.status !== "available" ? <DocumentState status={version.status} /> : null}
            {version.status === "available" ? (
              <button type="button" className="quiet" onClick={() => void download(version)}
                aria-label={`Download version ${version.number} of ${doc.file_name}`}>Download</button>
            ) : null}
          </li>
        ))}
      </ul>
      {doc.status === "available" ? (
        <UploadForm label="Upload a new version" button="Upload new version" send={(file) => uploadVersion(doc, file)} onUploaded={uploaded} />
      ) : null}
    </section>
  );
}

function Trash({ doc, onChange }: { doc: DocumentStaffView; onChange: () => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<{ error?: unknown }>) => {
    setBusy(true);
    const { error } = await action();
    setBusy(false);
    setProblem(error ? formErrors(error).form : null);
    if (!error) onChange();
  };
  const path = { document_id: doc.id };
  // If-Match: trashing what a colleague changed meanwhile is refused (412), not guessed.
  const trash = () => run(() => api.DELETE("/documents/{document_id}",
    { params: { path, header: { "If-Match": `"${doc.version}"` } } }));
  const restore = () => run(() => api.POST("/documents/{document_id}/restore", { params: { path } }));
  return (
    <div className="actions">
      <FormError message={problem} />
      {doc.status === "trashed"
        ? <button type="button" disabled={busy} onClick={() => void restore()}>Restore from the trash</button>
        : <button type="button" className="danger" disabled={busy} onClick={() => void trash()}>Move to the trash</button>}
    </div>
  );
}

export function DocumentPage({ slug, documentId }: { slug: string; documentId: string }) {
  const document = useLoad(() => api.GET("/documents/{document_id}", { params: { path: { document_id: documentId } } }), [documentId]);
  const doc = document.data as DocumentStaffView | null;
  const access = useLoad(() => api.GET("/documents/{document_id}/access", {
    params: { path: { document_id: documentId }, query: { limit: 100 } } }), [documentId, doc?.version]);
  // The history follows each change from the table stream, a moment later: ask once more
  // then (once per version of the document; `reload` only bumps a counter, so any copy works).
  const reloadAccess = access.reload;
  useEffect(() => {
    const again = setTimeout(reloadAccess, 1500);
    return () => clearTimeout(again);
  }, [doc?.version]);
  if (document.problem) return <><h1>Document</h1><FormError message={formErrors(document.problem).form} /></>;
  if (!doc) return <p role="status">Loading…</p>;
  const live = doc.status !== "trashed" && doc.status !== "purged";
  return (
    <>
      <p>
        <Link to={`/${slug}/clients/${doc.client_id}/documents`}>← The client's documents</Link>
        {doc.room_id ? <> · <Link to={`/${slug}/rooms/${doc.room_id}`}>Its room</Link></> : null}
      </p>
      <h1>{doc.file_name}</h1>
      {doc.status === "trashed" ? <Notice>This document is in the trash.</Notice> : null}
      <Facts doc={doc} />
      <Trash doc={doc} onChange={document.reload} />
      {live ? <Filing doc={doc} onSaved={document.reload} /> : null}
      <Versions doc={doc} onChange={document.reload} />
      <h2 id="access">Access history</h2>
      <AccessList labelledBy="access" entries={access.data?.items ?? []} problem={access.problem} loading={access.loading} />
    </>
  );
}
