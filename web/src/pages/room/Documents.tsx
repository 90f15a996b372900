// A room's documents: upload straight to storage (presigned), then a list to download
// from. Staff may keep a file internal; it is marked so and clients never see it. Staff
// open a document's page from its name. Where the firm hides the documents tool, the
// API answers a portal user 404 and the section is not shown. Uploads name the room's
// client, as the room named it, which spares the API a read of the room.
import { useState } from "react";
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import { downloadDocument, uploadDocument } from "../../api/upload";
import { FormError } from "../../components/Field";
import { UploadForm } from "../../components/Upload";
import { useLoad } from "../../components/useLoad";
import { DocumentRow, type AnyDocument } from "../documents/DocumentRow";
import { isHidden } from "../documents/hidden";

export function Documents({ roomId, clientId, slug, staff }:
  { roomId: string; clientId?: string; slug: string; staff: boolean }) {
  const documents = useLoad(() => api.GET("/rooms/{room_id}/documents", {
    params: { path: { room_id: roomId }, query: { limit: 100 } } }), [roomId]);
  const [internal, setInternal] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // A portal user sees the section once the API has said the firm shows the tool.
  if (!staff && (isHidden(documents.problem) || (documents.loading && !documents.data))) return null;
  const download = async (doc: AnyDocument) => {
    const error = await downloadDocument(doc.id);
    setProblem(error ? formErrors(error).form : null);
  };
  const items: AnyDocument[] = documents.data?.items ?? [];
  return (
    <section aria-labelledby="documents">
      <h2 id="documents">Documents</h2>
      <UploadForm label="Upload a document" send={(file) => uploadDocument(roomId, file, internal, clientId)} onUploaded={documents.reload}
        extra={() => staff ? (
          <label className="check"><input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> Internal (staff only)</label>
        ) : null} />
      <FormError message={problem ?? (documents.problem ? formErrors(documents.problem).form : null)} />
      {!documents.loading && items.length === 0 ? <p>No documents yet.</p> : null}
      <ul className="rows" aria-label="Documents">
        {items.map((doc) => <DocumentRow key={doc.id} doc={doc} slug={staff ? slug : null} onDownload={(d) => void download(d)} />)}
      </ul>
    </section>
  );
}
