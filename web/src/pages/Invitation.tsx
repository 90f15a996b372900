// The page an invitation link opens. Reading the invitation spends nothing (mail
// scanners follow links); choosing a password accepts it and signs the person in.
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../api/problems";
import { saveTokens } from "../api/session";
import type { Problem } from "../api/types";
import { useBranding } from "../components/Brand";
import { Field, FormError } from "../components/Field";
import { day, PASSWORD_HINT } from "../components/format";
import { PublicFrame } from "../components/Shell";
import { useLoad } from "../components/useLoad";
import { Link, navigate } from "../router";

export function Invitation({ slug, token }: { slug: string; token: string }) {
  const invitation = useLoad(() => api.GET("/invitations/{token}", { params: { path: { token } } }), [token]);
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  // A spent or expired link still shows whose portal it was.
  const firm = useLoad(() => api.GET("/firms/{slug}/public", { params: { path: { slug } } }), [slug]);
  const preview = invitation.data;
  useBranding(preview?.branding ?? firm.data?.branding);

  if (invitation.loading) return <p className="loading" role="status">Opening your invitation…</p>;
  if (!preview) {
    const problem = invitation.problem as Partial<Problem> | null;
    return (
      <PublicFrame name={firm.data?.name ?? "Client portal"} branding={firm.data?.branding}>
        <div className="card">
          <h1>This invitation cannot be used</h1>
          <p>{problem?.detail ?? "The link is not valid."}</p>
          <p>Ask your firm to send you a new invitation, or <Link to={`/${slug}/sign-in`}>sign in</Link> if you already chose a password.</p>
        </div>
      </PublicFrame>
    );
  }
  const accept = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST("/invitations/accept", { body: { token, password } });
    setBusy(false);
    if (error || !data) {
      setErrors(formErrors(error, ["password"]));
      return;
    }
    saveTokens(preview.firm_slug, data);
    navigate(`/${preview.firm_slug}`, { replace: true });
  };
  return (
    <PublicFrame name={preview.firm_name} branding={preview.branding}>
      <div className="card">
        <form onSubmit={accept} noValidate>
          <h1>Welcome, {preview.first_name}</h1>
          <p><strong>{preview.firm_name}</strong> invited you to its secure client portal: messages, documents and
            the progress of your work in one place.</p>
          <p className="hint spaced">This invitation can be used once and expires on {day(preview.expires_at)}.</p>
          <FormError message={errors.form} />
          <Field label="Choose a password" type="password" autoComplete="new-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} error={errors.fields.password}
            hint={PASSWORD_HINT} />
          <button type="submit" disabled={busy}>Open my portal</button>
        </form>
      </div>
    </PublicFrame>
  );
}
