// The firm's name, time zone, branding and portal settings. Owners and admins change
// them; the version read is sent back (If-Match) so a colleague's change is not lost.
import { useEffect, useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import type { FirmView, MeView, TimeZone } from "../../api/types";
import { FirmMark, textOn } from "../../components/Brand";
import { Field, FormError, Notice, SelectField } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { PortalOptions } from "./PortalOptions";

const FIELDS = ["name", "time_zone", "branding.colour", "branding.logo_url", "settings.invitation_days",
  "settings.sms_quiet_start", "settings.sms_quiet_end", "settings.default_professional_id"] as const;

interface Draft {
  name: string;
  time_zone: string;
  colour: string;
  logo_url: string;
  invitation_days: string;
  sms_quiet_start: string;
  sms_quiet_end: string;
  default_professional_id: string;
}

function draftOf(firm: FirmView): Draft {
  return {
    name: firm.name, time_zone: firm.time_zone,
    colour: firm.branding.colour ?? "", logo_url: firm.branding.logo_url ?? "",
    invitation_days: String(firm.settings.invitation_days ?? 7),
    sms_quiet_start: firm.settings.sms_quiet_start ?? "21:00", sms_quiet_end: firm.settings.sms_quiet_end ?? "08:00",
    default_professional_id: firm.settings.default_professional_id ?? "",
  };
}

export function Settings({ me, onSaved }: { me: MeView; onSaved: () => void }) {
  const firm = useLoad(() => api.GET("/firm"), []);
  const staff = useLoad(() => api.GET("/staff", { params: { query: { limit: 200 } } }), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const editable = me.role === "owner" || me.role === "admin";
  useEffect(() => {
    if (firm.data) setDraft(draftOf(firm.data));
  }, [firm.data]);
  if (!draft || !firm.data) {
    return <><h1>Firm settings</h1><FormError message={firm.problem ? formErrors(firm.problem).form : null} /></>;
  }
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft({ ...draft, [key]: e.target.value });
    setSaved(false);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const { error } = await api.PATCH("/firm", {
      params: { header: { "If-Match": `"${firm.data?.version}"` } },
      body: {
        // Typed text: the API checks it against the zones it knows and names the field if not.
        name: draft.name, time_zone: draft.time_zone as TimeZone,
        branding: { colour: draft.colour || null, logo_url: draft.logo_url || null },
        settings: {
          invitation_days: Number(draft.invitation_days), sms_quiet_start: draft.sms_quiet_start,
          sms_quiet_end: draft.sms_quiet_end, default_professional_id: draft.default_professional_id || null,
        },
      },
    });
    setBusy(false);
    setErrors(error ? formErrors(error, FIELDS) : NO_ERRORS);
    if (!error) {
      setSaved(true);
      firm.reload();
      onSaved();
    }
  };
  const colour = /^#[0-9a-fA-F]{6}$/.test(draft.colour) ? draft.colour : null;
  return (
    <>
      <h1>Firm settings</h1>
      {editable ? null : <Notice>Only the firm's owners and admins can change these settings.</Notice>}
      {saved ? <Notice>Settings saved.</Notice> : null}
      <form onSubmit={save} noValidate className="card">
        <FormError message={errors.form} />
        <fieldset disabled={!editable}>
          <legend>Firm</legend>
          <Field label="Firm name" value={draft.name} onChange={set("name")} error={errors.fields.name} />
          <Field label="Time zone" value={draft.time_zone} onChange={set("time_zone")} error={errors.fields.time_zone}
            hint="An IANA name such as Europe/London." />
        </fieldset>
        <fieldset disabled={!editable}>
          <legend>Branding</legend>
          <Field label="Colour" value={draft.colour} onChange={set("colour")} error={errors.fields["branding.colour"]}
            hint="A hex colour such as #0B3D5C." placeholder="#1f4e79" />
          <Field label="Logo address" type="url" value={draft.logo_url} onChange={set("logo_url")}
            error={errors.fields["branding.logo_url"]} hint="An https address of an image." />
          <div className="preview" aria-label="Header preview">
            <span className="preview-bar" ref={(el) => {
              if (el && colour) { el.style.background = colour; el.style.color = textOn(colour); }
            }}>
              <FirmMark name={draft.name} branding={{ colour, logo_url: draft.logo_url || null }} />
            </span>
          </div>
        </fieldset>
        <fieldset disabled={!editable}>
          <legend>Portal</legend>
          <Field label="Invitation links stay valid for (days)" type="number" min={1} max={30} value={draft.invitation_days}
            onChange={set("invitation_days")} error={errors.fields["settings.invitation_days"]} />
          <div className="inline-fields">
            <Field label="No SMS from" value={draft.sms_quiet_start} onChange={set("sms_quiet_start")}
              error={errors.fields["settings.sms_quiet_start"]} hint="HH:MM" />
            <Field label="No SMS until" value={draft.sms_quiet_end} onChange={set("sms_quiet_end")}
              error={errors.fields["settings.sms_quiet_end"]} hint="HH:MM" />
          </div>
          <SelectField label="Default professional for new clients" value={draft.default_professional_id}
            onChange={set("default_professional_id")} error={errors.fields["settings.default_professional_id"]}>
            <option value="">Nobody</option>
            {(staff.data?.items ?? []).map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
          </SelectField>
        </fieldset>
        {editable ? <button type="submit" disabled={busy}>Save settings</button> : null}
      </form>
      <PortalOptions editable={editable} />
    </>
  );
}
