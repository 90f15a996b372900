// The firm's document trash for staff: what was put there, when, and when it is deleted
// for good; restore puts a document back where it was.
import { useState } from "react";
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { DocumentStaffView } from "../../api/types";
import { FormError, Notice } from "../../components/Field";
import { day, fileSize, moment } from "../../components/format";
import { useLoad } from "../../components/useLoad";
import { Link } from "../../router";

export function Trash({ slug }: { slug: string }) {
  const trash = useLoad(() => api.GET("/firm/document-trash", { params: { query: { limit: 200 } } }), []);
  const [problem, setProblem] = useState<string | null>(null);
  const [restored, setRestored] = useState<DocumentStaffView | null>(null);
  const restore = async (doc: DocumentStaffView) => {
    const { data, error } = await api.POST("/documents/{document_id}/restore", { params: { path: { document_id: doc.id } } });
    setProblem(error ? formErrors(error).form : null);
    setRestored(data ?? null);
    trash.reload();
  };
  const items = trash.data?.items ?? [];
  return (
    <>
      <h1>Document trash</h1>
      <p className="lead">A document stays here for 30 days, then every version of it is deleted.</p>
      {restored ? <Notice><Link to={`/${slug}/documents/${restored.id}`}>{restored.file_name}</Link> is restored.</Notice> : null}
      <FormError message={problem ?? (trash.problem ? formErrors(trash.problem).form : null)} />
      {!trash.loading && items.length === 0 ? <p>The trash is empty.</p> : null}
      <ul className="rows" aria-label="Trashed documents">
        {items.map((doc) => (
          <li key={doc.id} className="row">
            <span className="row-title"><Link to={`/${slug}/documents/${doc.id}`}>{doc.file_name}</Link></span>
            <span className="row-meta">{fileSize(doc.size)} · trashed {moment(doc.trashed_at)} · deleted {day(doc.purge_at)}</span>
            <button type="button" className="quiet" onClick={() => void restore(doc)} aria-label={`Restore ${doc.file_name}`}>Restore</button>
          </li>
        ))}
      </ul>
    </>
  );
}
