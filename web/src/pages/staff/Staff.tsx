// The firm's staff; owners and admins invite colleagues and resend their invitations.
import { useState, type FormEvent } from "react";
import { api, idempotencyKey } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import type { MeView, StaffInvite, UserView } from "../../api/types";
import { Field, FormError, Notice, SelectField } from "../../components/Field";
import { moment } from "../../components/format";
import { useLoad } from "../../components/useLoad";

const MANAGERS = new Set(["owner", "admin"]);
const BLANK: StaffInvite = { name: "", email: "", role: "staff" };

function InviteColleague({ onInvited }: { onInvited: (message: string) => void }) {
  const [form, setForm] = useState<StaffInvite>(BLANK);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const { error } = await api.POST("/staff", { body: form, params: { header: { "Idempotency-Key": idempotencyKey() } } });
    setBusy(false);
    setErrors(error ? formErrors(error, ["name", "email", "role"]) : NO_ERRORS);
    if (!error) {
      onInvited(`${form.name} is invited; they will receive a temporary password by email.`);
      setForm(BLANK);
    }
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="invite-colleague">
      <h2 id="invite-colleague">Invite a colleague</h2>
      <FormError message={errors.form} />
      <Field label="Name" value={form.name} required onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.fields.name} />
      <Field label="Email" type="email" value={form.email} required onChange={(e) => setForm({ ...form, email: e.target.value })} error={errors.fields.email} />
      <SelectField label="Role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as StaffInvite["role"] })} error={errors.fields.role}>
        <option value="staff">Staff</option>
        <option value="admin">Admin</option>
        <option value="owner">Owner</option>
      </SelectField>
      <button type="submit" disabled={busy}>Send invitation</button>
    </form>
  );
}

export function Staff({ me }: { me: MeView }) {
  const staff = useLoad(() => api.GET("/staff", { params: { query: { limit: 200 } } }), []);
  const [message, setMessage] = useState<string | null>(null);
  const manager = MANAGERS.has(me.role);
  const done = (text: string) => {
    setMessage(text);
    staff.reload();
  };
  const resend = async (user: UserView) => {
    const { error } = await api.POST("/staff/{user_id}/resend-invitation", { params: { path: { user_id: user.id } } });
    done(error ? formErrors(error).form ?? "Could not resend." : `A new invitation went to ${user.email}.`);
  };
  return (
    <>
      <h1>Staff</h1>
      {message ? <Notice>{message}</Notice> : null}
      <FormError message={staff.problem ? formErrors(staff.problem).form : null} />
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Last sign-in</th>{manager ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}</tr></thead>
          <tbody>
            {(staff.data?.items ?? []).map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.name}</th>
                <td>{user.email}</td>
                <td>{user.role}</td>
                <td>{user.status}</td>
                <td>{moment(user.last_login_at)}</td>
                {manager ? <td>{user.status === "invited" ? <button type="button" className="quiet" aria-label={`Resend the invitation to ${user.name}`} onClick={() => resend(user)}>Resend</button> : null}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manager ? <InviteColleague onInvited={done} /> : null}
    </>
  );
}
