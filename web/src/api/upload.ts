// Documents travel straight between the browser and S3: the API hands out a presigned
// POST for exactly this file, the browser posts the form there, then asks the API to
// finalise it. The same three steps start a room's document, a document of a client's
// area and a new version of a document. Downloads are a presigned GET the browser opens.
import { api } from "./client";
import type { UploadForm } from "./types";

export interface Uploaded<T> {
  document?: T;
  error?: unknown;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
}

const STORAGE_REFUSED = { detail: "The file could not be stored. Please try again." };

/** What the API checks an upload against: the name, type and exact size. */
function declared(file: File) {
  return { file_name: file.name, content_type: file.type || "application/octet-stream", size: file.size };
}

async function sendToStorage(upload: UploadForm, file: File): Promise<boolean> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", file); // S3 reads every field before the file
  const sent = await fetch(upload.url, { method: "POST", body: form }).catch(() => null);
  return Boolean(sent?.ok);
}

/** Started (a pending item and its presigned POST), the bytes sent, then completed. */
async function uploaded<S extends { upload: UploadForm }, T>(
  started: Answer<S>, file: File, complete: (started: S) => Promise<Answer<T>>): Promise<Uploaded<T>> {
  if (!started.data) return { error: started.error };
  if (!(await sendToStorage(started.data.upload, file))) return { error: STORAGE_REFUSED };
  const done = await complete(started.data);
  return done.data ? { document: done.data } : { error: done.error };
}

function completeDocument(started: { document: { id: string } }) {
  return api.POST("/documents/{document_id}/complete", { params: { path: { document_id: started.document.id } } });
}

export async function uploadDocument(roomId: string, file: File, internal = false) {
  const started = await api.POST("/rooms/{room_id}/documents", {
    params: { path: { room_id: roomId } }, body: { ...declared(file), internal } });
  return uploaded(started, file, completeDocument);
}

/** Into a client's document area, in a folder or none. */
export async function uploadToArea(clientId: string, file: File, folder: string | null, internal = false) {
  const started = await api.POST("/clients/{client_id}/documents", {
    params: { path: { client_id: clientId } }, body: { ...declared(file), folder, internal } });
  return uploaded(started, file, completeDocument);
}

/** A new version of a document; the older ones are kept. */
export async function uploadVersion(documentId: string, file: File) {
  const started = await api.POST("/documents/{document_id}/versions", {
    params: { path: { document_id: documentId } }, body: declared(file) });
  return uploaded(started, file, (s) => api.POST("/documents/{document_id}/versions/{version_id}/complete", {
    params: { path: { document_id: documentId, version_id: s.version.id } } }));
}

/** The current version, or the one named. */
export async function downloadDocument(documentId: string, version?: string): Promise<unknown> {
  const { data, error } = await api.GET("/documents/{document_id}/download", {
    params: { path: { document_id: documentId }, query: version ? { version } : {} } });
  if (data) window.location.assign(data.url); // the link saves the file under its name
  return error ?? null;
}
