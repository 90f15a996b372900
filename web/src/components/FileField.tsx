// A labelled file picker whose API error (the declared name, type or size) sits under it.
import { useId, type RefObject } from "react";

interface Props {
  label: string;
  picker: RefObject<HTMLInputElement | null>;
  error?: string | undefined;
}

export function FileField({ label, picker, error }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" ref={picker} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined} />
      {error ? <p className="field-error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

/** The file fields an upload declares, as one message for the picker. */
export function fileError(fields: Record<string, string>): string | undefined {
  return fields.file_name ?? fields.content_type ?? fields.size;
}

export const FILE_FIELDS = ["file_name", "content_type", "size"] as const;
