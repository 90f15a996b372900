// Documents travel straight between the browser and S3: the API hands out a presigned
// POST for exactly this file, the browser posts the form there, then asks the API to
// finalise it. Downloads are a presigned GET the browser simply opens.
import { api } from "./client";
import type { DocumentClientView } from "./types";

export interface Uploaded {
  document?: DocumentClientView;
  error?: unknown;
}

const STORAGE_REFUSED = { detail: "The file could not be stored. Please try again." };

export async function uploadDocument(roomId: string, file: File, internal = false): Promise<Uploaded> {
  const started = await api.POST("/rooms/{room_id}/documents", {
    params: { path: { room_id: roomId } },
    body: { file_name: file.name, content_type: file.type || "application/octet-stream", size: file.size, internal },
  });
  if (!started.data) return { error: started.error };
  const form = new FormData();
  for (const [name, value] of Object.entries(started.data.upload.fields)) form.append(name, value);
  form.append("file", file); // S3 reads every field before the file
  const sent = await fetch(started.data.upload.url, { method: "POST", body: form }).catch(() => null);
  if (!sent?.ok) return { error: STORAGE_REFUSED };
  const done = await api.POST("/documents/{document_id}/complete", {
    params: { path: { document_id: started.data.document.id } } });
  return done.data ? { document: done.data } : { error: done.error };
}

export async function downloadDocument(documentId: string): Promise<unknown> {
  const { data, error } = await api.GET("/documents/{document_id}/download", {
    params: { path: { document_id: documentId } } });
  if (data) window.location.assign(data.url); // the link saves the file under its name
  return error ?? null;
}
