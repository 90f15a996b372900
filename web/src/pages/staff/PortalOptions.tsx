// What the portal offers the firm's clients: options, which tools they see, and the
// lock-out before an event date. Owners and admins change them.
import { useEffect, useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import type { PortalOptionsView } from "../../api/types";
import { Field, FormError, Notice } from "../../components/Field";
import { useLoad } from "../../components/useLoad";

const OPTION_LABELS: Record<string, string> = {
  announcements: "Announcements", appointments: "Appointments", client_threads: "Clients may start conversations",
  done_uploading: "Clients may say they are done uploading", prepayment: "Prepayment",
  self_service_organizers: "Self-service organizers", work_in_progress: "Show work in progress",
};

type Options = PortalOptionsView["options"];

export function PortalOptions({ editable }: { editable: boolean }) {
  const loaded = useLoad(() => api.GET("/firm/portal-options"), []);
  const [options, setOptions] = useState<Options | null>(null);
  const [lockout, setLockout] = useState("0");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) {
      setOptions(loaded.data.options);
      setLockout(String(loaded.data.lockout_days));
    }
  }, [loaded.data]);
  if (!options) return <FormError message={loaded.problem ? formErrors(loaded.problem).form : null} />;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { error } = await api.PATCH("/firm/portal-options", { body: { options, lockout_days: Number(lockout) } });
    setErrors(error ? formErrors(error, ["lockout_days", "options"]) : NO_ERRORS);
    setSaved(!error);
    if (!error) loaded.reload();
  };
  return (
    <form onSubmit={save} noValidate className="card" aria-labelledby="portal-options">
      <h2 id="portal-options">Portal options</h2>
      {saved ? <Notice>Portal options saved.</Notice> : null}
      <FormError message={errors.form} />
      <fieldset disabled={!editable}>
        <legend>What clients may do</legend>
        {(Object.keys(OPTION_LABELS) as (keyof Options)[]).map((key) => (
          <label key={key} className="check">
            <input type="checkbox" checked={options[key]} onChange={(e) => {
              setOptions({ ...options, [key]: e.target.checked });
              setSaved(false);
            }} /> {OPTION_LABELS[key]}
          </label>
        ))}
        <Field label="Lock-out before an event (days)" type="number" min={0} max={365} value={lockout}
          onChange={(e) => setLockout(e.target.value)} error={errors.fields.lockout_days}
          hint="Clients cannot change a room this many days before its event date; 0 turns it off." />
      </fieldset>
      {editable ? <button type="submit">Save portal options</button> : null}
    </form>
  );
}
