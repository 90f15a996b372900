// Documents travel straight between the browser and S3: the API hands out a presigned
// POST for exactly this file (or, for a large one, presigned PUTs of its parts), the
// browser sends it there, then asks the API to finalise it. Downloads are a presigned
// GET the browser simply opens.
import { api } from "./client";
import type { DocumentClientView } from "./types";

export interface Uploaded {
  document?: DocumentClientView;
  error?: unknown;
}

interface Form {
  url: string;
  fields: Record<string, string>;
}

interface PartUrl {
  part_number: number;
  url: string;
}

interface Plan {
  part_size: number;
  part_count: number;
  parts: PartUrl[];
}

interface SentPart {
  part_number: number;
  etag: string;
}

const STORAGE_REFUSED = { detail: "The file could not be stored. Please try again." };

export async function uploadDocument(roomId: string, file: File, internal = false): Promise<Uploaded> {
  const started = await api.POST("/rooms/{room_id}/documents", {
    params: { path: { room_id: roomId } },
    body: { file_name: file.name, content_type: file.type || "application/octet-stream", size: file.size, internal },
  });
  if (!started.data) return { error: started.error };
  const { document, upload, multipart } = started.data;
  let parts: SentPart[] | undefined;
  if (multipart) {
    parts = (await sendParts(document.id, multipart, file)) ?? undefined;
    if (!parts) return { error: STORAGE_REFUSED };
  } else if (!upload || !(await postForm(upload, file))) {
    return { error: STORAGE_REFUSED };
  }
  const done = await api.POST("/documents/{document_id}/complete", {
    params: { path: { document_id: document.id } }, body: parts ? { parts } : undefined });
  return done.data ? { document: done.data } : { error: done.error };
}

async function postForm(upload: Form, file: File): Promise<boolean> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", file); // S3 reads every field before the file
  const sent = await fetch(upload.url, { method: "POST", body: form }).catch(() => null);
  return !!sent?.ok;
}

// One part after another, each with its own URL (the API hands out a hundred at a time);
// a failure cancels the upload so its parts do not stay in S3.
async function sendParts(documentId: string, plan: Plan, file: File): Promise<SentPart[] | null> {
  const path = { document_id: documentId, version_id: documentId }; // a first upload's version is the document
  const sent: SentPart[] = [];
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

export async function downloadDocument(documentId: string): Promise<unknown> {
  const { data, error } = await api.GET("/documents/{document_id}/download", {
    params: { path: { document_id: documentId } } });
  if (data) window.location.assign(data.url); // the link saves the file under its name
  return error ?? null;
}
