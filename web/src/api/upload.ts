// Documents travel straight between the browser and S3: the API hands out a presigned
// POST for exactly this file (or, for a large one, presigned PUTs of its parts), the
// browser sends it there, then asks the API to finalise it. The same steps start a room's
// document, a document of a client's area and a new version of a document. Downloads are
// a presigned GET the browser opens.
import { api } from "./client";
import type { MultipartPlan, UploadedPart, UploadForm } from "./types";

export interface Uploaded<T> {
  document?: T;
  error?: unknown;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
}

/** What a start answers: a form for one POST, or a plan of parts. */
interface Started {
  upload?: UploadForm | null;
  multipart?: MultipartPlan | null;
}

/** The document and version a multipart upload belongs to (a first upload's version is the document). */
interface VersionPath {
  document_id: string;
  version_id: string;
}

const STORAGE_REFUSED = { detail: "The file could not be stored. Please try again." };

/** What the API checks an upload against: the name, type and exact size. */
function declared(file: File) {
  return { file_name: file.name, content_type: file.type || "application/octet-stream", size: file.size };
}

async function postForm(upload: UploadForm, file: File): Promise<boolean> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", file); // S3 reads every field before the file
  const sent = await fetch(upload.url, { method: "POST", body: form }).catch(() => null);
  return Boolean(sent?.ok);
}

// One part after another, each with its own URL (the API hands out a hundred at a time);
// a failure cancels the upload so its parts do not stay in S3.
async function sendParts(path: VersionPath, plan: MultipartPlan, file: File): Promise<UploadedPart[] | null> {
  const sent: UploadedPart[] = [];
  let urls = plan.parts;
  for (let n = 1; n <= plan.part_count; n++) {
    if (!urls.some((p) => p.part_number === n)) {
      const more = await api.GET("/documents/{document_id}/versions/{version_id}/parts", {
        params: { path, query: { first: n } } });
      urls = more.data?.parts ?? [];
    }
    const part = urls.find((p) => p.part_number === n);
    const answer = part
      ? await fetch(part.url, { method: "PUT", body: file.slice((n - 1) * plan.part_size, n * plan.part_size) })
        .catch(() => null)
      : null;
    const etag = answer?.ok ? answer.headers.get("ETag") : null;
    if (!etag) {
      await api.POST("/documents/{document_id}/versions/{version_id}/cancel", { params: { path } });
      return null;
    }
    sent.push({ part_number: n, etag });
  }
  return sent;
}

/** The bytes sent as the start asked: undefined for a form, the parts for a plan, null on failure. */
async function sendBytes(started: Started, path: VersionPath, file: File): Promise<UploadedPart[] | undefined | null> {
  if (started.multipart) return sendParts(path, started.multipart, file);
  return started.upload && (await postForm(started.upload, file)) ? undefined : null;
}

/** Started (a pending item and where to send it), the bytes sent, then completed. */
async function uploaded<S extends Started, T>(
  started: Answer<S>, file: File, where: (started: S) => VersionPath,
  complete: (started: S, parts?: UploadedPart[]) => Promise<Answer<T>>): Promise<Uploaded<T>> {
  if (!started.data) return { error: started.error };
  const parts = await sendBytes(started.data, where(started.data), file);
  if (parts === null) return { error: STORAGE_REFUSED };
  const done = await complete(started.data, parts);
  return done.data ? { document: done.data } : { error: done.error };
}

function firstVersion(started: { document: { id: string } }): VersionPath {
  return { document_id: started.document.id, version_id: started.document.id };
}

// The start's ticket goes back with the complete call (a version's too), which then reads
// nothing first.
function completeDocument(started: { document: { id: string }; ticket: string }, parts?: UploadedPart[]) {
  return api.POST("/documents/{document_id}/complete", {
    params: { path: { document_id: started.document.id } }, body: { ticket: started.ticket, parts } });
}

/** Into a room; naming the room's client (as the room names it) spares a read of the room. */
export async function uploadDocument(roomId: string, file: File, internal = false, clientId?: string) {
  const started = await api.POST("/rooms/{room_id}/documents", {
    params: { path: { room_id: roomId } }, body: { ...declared(file), internal, client_id: clientId } });
  return uploaded(started, file, firstVersion, completeDocument);
}

/** Into a client's document area, in a folder or none. */
export async function uploadToArea(clientId: string, file: File, folder: string | null, internal = false) {
  const started = await api.POST("/clients/{client_id}/documents", {
    params: { path: { client_id: clientId } }, body: { ...declared(file), folder, internal } });
  return uploaded(started, file, firstVersion, completeDocument);
}

/** A new version of a document; the older ones are kept. The document's `sealed` value, as
 * it was last answered, spares the API a read of it (a document changed since still works). */
export async function uploadVersion(doc: { id: string; sealed: string }, file: File) {
  const documentId = doc.id;
  const started = await api.POST("/documents/{document_id}/versions", {
    params: { path: { document_id: documentId } }, body: { ...declared(file), sealed: doc.sealed } });
  return uploaded(started, file, (s) => ({ document_id: documentId, version_id: s.version.id }),
    (s, parts) => api.POST("/documents/{document_id}/versions/{version_id}/complete", {
      params: { path: { document_id: documentId, version_id: s.version.id } }, body: { ticket: s.ticket, parts } }));
}

/** The current version, or the one named. */
export async function downloadDocument(documentId: string, version?: string): Promise<unknown> {
  const { data, error } = await api.GET("/documents/{document_id}/download", {
    params: { path: { document_id: documentId }, query: version ? { version } : {} } });
  if (data) window.location.assign(data.url); // the link saves the file under its name
  return error ?? null;
}
