export interface ProgressStep {
  label: string;
  state: "waiting" | "active" | "done" | "failed";
  detail?: string;
}

/** A list of steps, announced as they change; the active one is marked for assistive technology. */
export function Progress({ steps, label }: { steps: ProgressStep[]; label: string }) {
  return (
    <ol className="progress" aria-label={label} aria-live="polite">
      {steps.map((step) => (
        <li
          key={step.label}
          className={`progress__step progress__step--${step.state}`}
          aria-current={step.state === "active" ? "step" : undefined}
        >
          <span className="progress__marker" aria-hidden="true">
            {step.state === "done" ? "✓" : step.state === "failed" ? "✗" : step.state === "active" ? "…" : "○"}
          </span>
          <span>
            {step.label}
            <span className="visually-hidden">: {step.state}</span>
            {step.detail && <span className="progress__detail">{step.detail}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
