// Where the work stands: the client-facing steps, and for staff the internal phase,
// which they move (the client hears of it once, after a grace period).
import { useState } from "react";
import { api } from "../../api/client";
import { formErrors } from "../../api/problems";
import type { TimelineStepView } from "../../api/types";
import { FormError, SelectField } from "../../components/Field";
import { useLoad } from "../../components/useLoad";

export function Steps({ steps }: { steps: TimelineStepView[] }) {
  return (
    <ol className="steps" aria-label="Timeline">
      {steps.map((step) => (
        <li key={step.name} className={`step step-${step.state}`} aria-current={step.state === "current" ? "step" : undefined}>
          {step.name}
        </li>
      ))}
    </ol>
  );
}

// The move gives back the room and the chosen phase as their answers sealed them, so it
// reads nothing first; the timeline is reloaded after it, for the next move's seal.
function PhaseMover({ roomId, serviceId, phaseId, sealed, onMoved }: { roomId: string; serviceId: string; phaseId: string | null; sealed: string | null; onMoved: () => void }) {
  const definition = useLoad(() => api.GET("/services/{service_id}/timeline", {
    params: { path: { service_id: serviceId } } }), [serviceId]);
  const [problem, setProblem] = useState<string | null>(null);
  const phases = (definition.data?.phases ?? []).filter((p) => !p.retired);
  if (!phases.length) return null;
  const move = async (phase_id: string) => {
    const phase_sealed = phases.find((p) => p.id === phase_id)?.sealed ?? null;
    const { error } = await api.POST("/rooms/{room_id}/phase", { params: { path: { room_id: roomId } }, body: { phase_id, sealed, phase_sealed } });
    setProblem(error ? formErrors(error).form : null);
    if (!error) onMoved();
  };
  return (
    <>
      <FormError message={problem} />
      <SelectField label="Phase (internal)" value={phaseId ?? ""} onChange={(e) => void move(e.target.value)}>
        {phaseId ? null : <option value="">Not started</option>}
        {phases.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </SelectField>
    </>
  );
}

export function Timeline({ roomId, serviceId, staff }: { roomId: string; serviceId: string; staff: boolean }) {
  const timeline = useLoad(() => api.GET("/rooms/{room_id}/timeline", { params: { path: { room_id: roomId } } }), [roomId]);
  const data = timeline.data;
  if (!data || (!data.steps.length && !staff)) return null;
  const phaseId = "phase_id" in data ? data.phase_id ?? null : null;
  const sealed = "sealed" in data ? data.sealed ?? null : null;
  return (
    <section aria-labelledby="timeline" className="card">
      <h2 id="timeline">Progress</h2>
      {data.steps.length ? <Steps steps={data.steps} /> : <p className="hint">This service has no timeline.</p>}
      {staff && data.steps.length ? <PhaseMover roomId={roomId} serviceId={serviceId} phaseId={phaseId} sealed={sealed} onMoved={timeline.reload} /> : null}
    </section>
  );
}
