// One upload form for every place a file goes (a room, a client's document area, a new
// version): the picker with its error, the outcome, and a button that cannot send twice.
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { formErrors, NO_ERRORS, type FormErrors } from "../api/problems";
import type { Uploaded } from "../api/upload";
import { FormError, Notice } from "./Field";
import { FILE_FIELDS, FileField, fileError } from "./FileField";

interface Stored {
  file_name: string;
  status: string;
  reason?: string | null;
}

function outcome(stored: Stored): string {
  return stored.status === "available" ? `${stored.file_name} is uploaded.` : `${stored.file_name}: ${stored.reason ?? "rejected"}.`;
}

interface Props<T extends Stored> {
  /** The form's heading, which also names it. */
  label: string;
  heading?: "h2" | "h3";
  send: (file: File) => Promise<Uploaded<T>>;
  onUploaded: (stored: T) => void;
  /** Fields of the form beyond the file, whose API errors are placed by name. */
  known?: readonly string[];
  extra?: (errors: FormErrors) => ReactNode;
  button?: string;
}

export function UploadForm<T extends Stored>({ label, heading: Heading = "h3", send, onUploaded, known = [], extra, button = "Upload" }: Props<T>) {
  const picker = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = picker.current?.files?.[0];
    if (!file || busy) return;
    setBusy(true);
    setMessage(null);
    const { document, error } = await send(file);
    setBusy(false);
    setErrors(error ? formErrors(error, [...FILE_FIELDS, ...known]) : NO_ERRORS);
    if (document) {
      setMessage(outcome(document));
      if (picker.current) picker.current.value = "";
      onUploaded(document);
    }
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={label}>
      <Heading>{label}</Heading>
      <FormError message={errors.form} />
      {message ? <Notice>{message}</Notice> : null}
      <FileField label="File" picker={picker} error={fileError(errors.fields)} />
      {extra?.(errors)}
      <button type="submit" disabled={busy}>{busy ? "Uploading…" : button}</button>
    </form>
  );
}
