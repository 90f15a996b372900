// A document in a list (a room's, a client's area): its name (for staff a link to the
// document's page), size, who uploaded it and when, its state, and a download.
import type { DocumentClientView, DocumentStaffView } from "../../api/types";
import { day, fileSize } from "../../components/format";
import { Link } from "../../router";

export const STATE = {
  pending: "Uploading", scanning: "Checking for malware", available: "Ready", rejected: "Rejected",
  quarantined: "Malware found", unscanned: "Not checked", trashed: "In the trash", purged: "Deleted",
} as const;

export type AnyDocument = DocumentClientView | DocumentStaffView;

export function isInternal(doc: AnyDocument): boolean {
  return "internal" in doc && doc.internal;
}

export function DocumentState({ status }: { status: AnyDocument["status"] }) {
  return <span className={`status status-${status}`}>{STATE[status]}</span>;
}

interface Props {
  doc: AnyDocument;
  /** Staff open the document's page; portal users only download. */
  slug: string | null;
  onDownload: (doc: AnyDocument) => void;
}

export function DocumentRow({ doc, slug, onDownload }: Props) {
  return (
    <li className={`row${isInternal(doc) ? " internal" : ""}`}>
      <span className="row-title">{slug ? <Link to={`/${slug}/documents/${doc.id}`}>{doc.file_name}</Link> : doc.file_name}</span>
      <span className="row-meta">
        {doc.folder ? `${doc.folder} · ` : ""}{fileSize(doc.size)} · {doc.uploaded_by_name || "—"} · {day(doc.created_at)}
      </span>
      <DocumentState status={doc.status} />
      {isInternal(doc) ? <span className="internal-badge">Internal</span> : null}
      {doc.status === "available" ? (
        <button type="button" className="quiet" onClick={() => onDownload(doc)} aria-label={`Download ${doc.file_name}`}>Download</button>
      ) : null}
    </li>
  );
}
