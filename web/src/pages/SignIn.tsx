// Sign-in for staff and portal users alike: the firm comes from the URL. A challenge
// answer (choose a new password, or give the authenticator app's code) is one more step, chosen by its
// name from CHALLENGES, so a new challenge is one more entry there.
import { useState, type FormEvent, type ReactElement } from "react";
import { api } from "../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../api/problems";
import { saveTokens, takeEndReason } from "../api/session";
import type { ChallengeView, FirmPublicView, TokenView } from "../api/types";
import { PASSWORD_HINT } from "../components/format";
import { Field, FormError, Notice } from "../components/Field";
import { PublicFrame } from "../components/Shell";
import { navigate } from "../router";

type Answer = { data?: TokenView | ChallengeView; error?: unknown };
interface ChallengeProps {
  slug: string;
  email: string;
  challenge: ChallengeView;
  onAnswer: (answer: Answer) => void;
}

// One answer to the challenge: `field` names what the user typed, for its error.
function useAnswer({ slug, email, challenge, onAnswer }: ChallengeProps, field: "new_password" | "code") {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const send = async (event: FormEvent, value: string) => {
    event.preventDefault();
    setBusy(true);
    const asked = { slug, email, session: challenge.session };
    // The schema takes exactly one answer: a new password or a code.
    const body = field === "code" ? { ...asked, code: value } : { ...asked, new_password: value };
    const answer = await api.POST("/auth/challenge", { body });
    setBusy(false);
    if (answer.error) setErrors(formErrors(answer.error, [field]));
    else onAnswer(answer);
  };
  return { errors, busy, send };
}

function NewPassword(props: ChallengeProps) {
  const [password, setPassword] = useState("");
  const { errors, busy, send } = useAnswer(props, "new_password");
  const submit = (event: FormEvent) => send(event, password);
  return (
    <form onSubmit={submit} noValidate>
      <h1>Choose your password</h1>
      <p>This is your first sign-in: replace the temporary password with one of your own.</p>
      <FormError message={errors.form} />
      <Field label="New password" type="password" autoComplete="new-password" required value={password}
        onChange={(e) => setPassword(e.target.value)} error={errors.fields.new_password}
        hint={PASSWORD_HINT} />
      <button type="submit" disabled={busy}>Save and sign in</button>
    </form>
  );
}

function AppCode(props: ChallengeProps) {
  const [code, setCode] = useState("");
  const { errors, busy, send } = useAnswer(props, "code");
  const submit = (event: FormEvent) => send(event, code.replace(/\s/g, ""));
  return (
    <form onSubmit={submit} noValidate>
      <h1>Enter your code</h1>
      <p>Open your authenticator app and enter the six-digit code it shows for this portal.</p>
      <FormError message={errors.form} />
      <Field label="Code" inputMode="numeric" autoComplete="one-time-code" required value={code}
        onChange={(e) => setCode(e.target.value)} error={errors.fields.code} />
      <button type="submit" disabled={busy}>Sign in</button>
    </form>
  );
}

const CHALLENGES: Record<NonNullable<ChallengeView["challenge"]>, (props: ChallengeProps) => ReactElement> = {
  new_password_required: NewPassword,
  software_token_mfa: AppCode,
};

const ENDED = {
  "signed-out": "You are signed out.",
  expired: "Your session has ended. Please sign in again.",
};

export function SignIn({ slug, firm }: { slug: string; firm: FirmPublicView }) {
  const [ended] = useState(takeEndReason);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [challenge, setChallenge] = useState<ChallengeView | null>(null);
  const [busy, setBusy] = useState(false);

  const settle = ({ data, error }: Answer) => {
    if (error || !data) {
      setErrors(formErrors(error, ["email", "password"]));
    } else if (data.kind === "challenge") {
      setChallenge(data as ChallengeView);
    } else {
      saveTokens(slug, data as TokenView);
      navigate(`/${slug}`, { replace: true });
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    settle(await api.POST("/auth/login", { body: { slug, email, password } }));
    setBusy(false);
  };

  const Step = challenge ? CHALLENGES[challenge.challenge ?? "new_password_required"] : null;
  return (
    <PublicFrame name={firm.name} branding={firm.branding}>
      <div className="card">
        {Step && challenge ? (
          <Step slug={slug} email={email} challenge={challenge} onAnswer={settle} />
        ) : (
          <form onSubmit={submit} noValidate>
            <h1>Sign in to {firm.name}</h1>
            {ended ? <Notice>{ENDED[ended]}</Notice> : null}
            <FormError message={errors.form} />
            <Field label="Email" type="email" autoComplete="username" required value={email}
              onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
            <Field label="Password" type="password" autoComplete="current-password" required value={password}
              onChange={(e) => setPassword(e.target.value)} error={errors.fields.password} />
            <button type="submit" disabled={busy}>Sign in</button>
          </form>
        )}
      </div>
    </PublicFrame>
  );
}
