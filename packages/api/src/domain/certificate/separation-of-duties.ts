import { CERTIFICATE_WORKFLOW, type CertificateAction, type CertificateState } from "@baladiya/shared/certificate";
import type { StepRow } from "./application-rows";

const stageOf = (state: string) => CERTIFICATE_WORKFLOW.states[state as CertificateState]?.stage ?? null;
const isRouting = (action: string) =>
  Boolean((CERTIFICATE_WORKFLOW.actions[action as CertificateAction] as { routing?: boolean }).routing);

/**
 * Separation of duties: an employee acts in one stage of an application only — whoever checked the
 * documents cannot describe the property, whoever described it cannot audit or register it. Acting
 * again in the same stage happens only through the workflow's loops (a return, then a new attempt).
 * Returns why `staffId` is barred from acting in `state`, or null.
 */
export function separationBar(
  steps: readonly StepRow[],
  staffId: string,
  state: CertificateState,
  action: CertificateAction,
): string | null {
  if (isRouting(action)) return null;
  const stage = stageOf(state);
  if (stage === null) return null;
  const other = steps.find(
    (s) => s.actorKind === "staff" && s.actorId === staffId && !isRouting(s.action) && stageOf(s.fromState) !== stage,
  );
  if (!other) return null;
  return `You acted on this application at the ${stageOf(other.fromState)} stage (${other.action.replace(/_/g, " ")}); the ${stage} stage must be someone else`;
}
