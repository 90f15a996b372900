// The firm's survey when it waits on one of the user's clients: yes or no per question,
// or skip it for now. Answering for one client shows the next one still pending.
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { formErrors, NO_ERRORS, type FormErrors } from "../../api/problems";
import type { PendingSurvey } from "../../api/types";
import { FormError } from "../../components/Field";

export function Survey({ survey, onDone }: { survey: PendingSurvey; onDone: () => void }) {
  const client = survey.pending[0];
  const questions = survey.questions ?? [];
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  if (!client || survey.version == null || !questions.length) return null;
  const version = survey.version;
  const settle = (error: unknown) => {
    setBusy(false);
    setErrors(error ? formErrors(error, ["answers"]) : NO_ERRORS);
    if (!error) {
      setAnswers({});
      onDone();
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const { error } = await api.POST("/me/survey/answers", { body: { client_id: client.client_id, version,
      answers: questions.map((q) => ({ question_id: q.id, answer: answers[q.id] ?? false })) } });
    settle(error);
  };
  const skip = async () => {
    setBusy(true);
    const { error } = await api.POST("/me/survey/skip", { body: { client_id: client.client_id, version } });
    settle(error);
  };
  const complete = questions.every((q) => q.id in answers);
  return (
    <form className="card survey" onSubmit={submit} noValidate aria-labelledby="survey-title">
      <h2 id="survey-title">A few questions for {client.client_name}</h2>
      <p className="hint spaced">Your answers help us offer what is useful to you.</p>
      <FormError message={errors.form ?? errors.fields.answers ?? null} />
      {questions.map((q) => (
        <fieldset key={q.id} className="question">
          <legend>{q.text}</legend>
          {q.help ? <p className="hint">{q.help}</p> : null}
          <div className="choices">
            {([[true, "Yes"], [false, "No"]] as const).map(([value, label]) => (
              <label key={label} className="check">
                <input type="radio" name={`q-${q.id}`} checked={answers[q.id] === value}
                  onChange={() => setAnswers({ ...answers, [q.id]: value })} /> {label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="actions">
        <button type="submit" disabled={busy || !complete}>Send answers</button>
        <button type="button" className="quiet" disabled={busy} onClick={() => void skip()}>Not now</button>
      </div>
    </form>
  );
}
