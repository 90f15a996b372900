// Rename a document or move it to another folder. The version the page read goes back
// as If-Match: when a colleague changed the document in between, the API answers 412
// and the form says so and loads the current state instead of overwriting it.
import { useEffect, useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import type { DocumentStaffView, Problem } from "../../api/types";
import { Field, FormError, Notice } from "../../components/Field";

const STALE = "Someone changed this document after you opened it, so nothing was saved. Load the current version, then make your change again.";

function changes(doc: DocumentStaffView, fileName: string, folder: string) {
  const body: { file_name?: string; folder?: string | null } = {};
  if (fileName !== doc.file_name) body.file_name = fileName;
  if ((folder.trim() || null) !== (doc.folder ?? null)) body.folder = folder.trim() || null;
  return body;
}

export function Filing({ doc, onSaved }: { doc: DocumentStaffView; onSaved: () => void }) {
  const [fileName, setFileName] = useState(doc.file_name);
  const [folder, setFolder] = useState(doc.folder ?? "");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [stale, setStale] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { // the current name and folder whenever the document changes
    setFileName(doc.file_name);
    setFolder(doc.folder ?? "");
  }, [doc.version]);
  const body = changes(doc, fileName, folder);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !Object.keys(body).length) return;
    setBusy(true);
    setMessage(null);
    const { error } = await api.PATCH("/documents/{document_id}", {
      params: { path: { document_id: doc.id }, header: { "If-Match": `"${doc.version}"` } }, body });
    setBusy(false);
    setStale((error as Partial<Problem> | undefined)?.status === 412);
    setErrors(error ? formErrors(error, ["file_name", "folder"]) : NO_ERRORS);
    if (!error) {
      setMessage("Saved.");
      onSaved();
    }
  };
  const reload = () => {
    setStale(false);
    setErrors(NO_ERRORS);
    onSaved();
  };
  return (
    <form className="card" onSubmit={save} noValidate aria-label="Rename or move">
      <h2>Rename or move</h2>
      {stale ? (
        <div className="form-error" role="alert">
          <p>{STALE}</p>
          <button type="button" className="quiet" onClick={reload}>Load the current version</button>
        </div>
      ) : <FormError message={errors.form} />}
      {message ? <Notice>{message}</Notice> : null}
      <div className="inline-fields">
        <Field label="File name" value={fileName} onChange={(e) => setFileName(e.target.value)} error={errors.fields.file_name} />
        <Field label="Folder" value={folder} onChange={(e) => setFolder(e.target.value)} error={errors.fields.folder}
          hint="Leave empty for no folder." />
      </div>
      <button type="submit" disabled={busy || !Object.keys(body).length}>Save</button>
    </form>
  );
}
