// A client's document area, for staff and for the client's portal users alike: its
// folders, a search by file name, an upload into a folder, and every document to
// download (staff open a document's page from its name). Where the firm hides the
// documents tool the API answers a portal user 404, and the page says there is nothing.
import { useState } from "react";
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import { downloadDocument, uploadToArea } from "../../api/upload";
import { Field, FormError } from "../../components/Field";
import { UploadForm } from "../../components/Upload";
import { useDebounced } from "../../components/useDebounced";
import { useLoad } from "../../components/useLoad";
import { Link } from "../../router";
import { DocumentRow, type AnyDocument } from "./DocumentRow";
import { isHidden } from "./hidden";

function Folders({ folders, current, onPick }: { folders: string[]; current: string | null; onPick: (f: string | null) => void }) {
  if (!folders.length) return null;
  return (
    <nav aria-label="Folders" className="folders">
      <button type="button" className="quiet" aria-pressed={current === null} onClick={() => onPick(null)}>All documents</button>
      {folders.map((folder) => (
        <button key={folder} type="button" className="quiet" aria-pressed={current === folder} onClick={() => onPick(folder)}>{folder}</button>
      ))}
    </nav>
  );
}

function useArea(clientId: string, folder: string | null, q: string) {
  const query = { limit: 200, ...(folder ? { folder } : {}), ...(q ? { q } : {}) };
  const shown = useLoad(() => api.GET("/clients/{client_id}/documents", {
    params: { path: { client_id: clientId }, query } }), [clientId, folder, q]);
  // Folders come from the whole area, whatever the filter shows.
  const all = useLoad(() => api.GET("/clients/{client_id}/documents", {
    params: { path: { client_id: clientId }, query: { limit: 200 } } }), [clientId]);
  const folders = [...new Set((all.data?.items ?? []).map((d: AnyDocument) => d.folder).filter((f): f is string => Boolean(f)))].sort();
  const reload = () => {
    shown.reload();
    all.reload();
  };
  return { shown, folders, reload, hidden: isHidden(all.problem) };
}

export function DocumentArea({ slug, clientId, staff }: { slug: string; clientId: string; staff: boolean }) {
  const client = useLoad(() => api.GET("/clients/{client_id}", { params: { path: { client_id: clientId } } }), [clientId]);
  const [folder, setFolder] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  const { shown, folders, reload, hidden } = useArea(clientId, folder, q);
  const [target, setTarget] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const name = client.data?.display_name ?? "";
  const back = staff ? <Link to={`/${slug}/clients/${clientId}`}>← {name || "The client"}</Link> : <Link to={`/${slug}`}>← Home</Link>;
  if (!staff && hidden) return <><p>{back}</p><h1>Documents</h1><p>Your firm does not share documents in this portal.</p></>;
  const pick = (next: string | null) => {
    setFolder(next);
    setTarget(next ?? "");
  };
  const download = async (doc: AnyDocument) => {
    const error = await downloadDocument(doc.id);
    setProblem(error ? formErrors(error).form : null);
  };
  const items: AnyDocument[] = shown.data?.items ?? [];
  return (
    <>
      <p>{back}{staff ? <> · <Link to={`/${slug}/clients/${clientId}/document-trail`}>Document trail</Link></> : null}</p>
      <h1>Documents{name ? ` of ${name}` : ""}</h1>
      <UploadForm label="Upload to the document area" heading="h2" known={["folder"]} onUploaded={reload}
        send={(file) => uploadToArea(clientId, file, target.trim() || null)}
        extra={(errors) => (
          <Field label="Folder" value={target} onChange={(e) => setTarget(e.target.value)} error={errors.fields.folder}
            list="area-folders" hint="Optional: a folder to file it in, new or existing." />
        )} />
      <datalist id="area-folders">{folders.map((f) => <option key={f} value={f} />)}</datalist>
      <Folders folders={folders} current={folder} onPick={pick} />
      <div className="search">
        <Field label="Search by file name" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <FormError message={problem ?? (shown.problem ? formErrors(shown.problem).form : null)} />
      {!shown.loading && items.length === 0 ? <p>{q || folder ? "No document matches." : "No documents yet."}</p> : null}
      <ul className="rows" aria-label={folder ? `Documents in ${folder}` : "Documents"}>
        {items.map((doc) => <DocumentRow key={doc.id} doc={doc} slug={staff ? slug : null} onDownload={(d) => void download(d)} />)}
      </ul>
    </>
  );
}
