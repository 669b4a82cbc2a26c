import {
  CaseListPage,
  CaseSummary,
  ConfirmFixedInput,
  ListCasesInput,
  LookupCaseInput,
  NearbyCase,
  NearbyInput,
  PublicCase,
  RateCaseInput,
  ReopenCaseInput,
  ReporterCaseView,
  SubmitReportInput,
  SubmitReportResult,
  SupportCaseInput,
  TrackingNumber,
  LocateResult,
} from "@baladiya/shared/case";
import {
  CitizenProfile,
  ClaimCasesInput,
  RequestSignInCodeInput,
  RequestSignInCodeResult,
  SignInResult,
  UpdateProfileInput,
  VerifySignInCodeInput,
} from "@baladiya/shared/citizen";
import { LatLng } from "@baladiya/shared/geo";
import { PublicService } from "@baladiya/shared/service";
import { z } from "zod";
import { actOnCase } from "../domain/case/act-on-case";
import { addCaseInfo } from "../domain/case/add-case-info";
import { browseCases } from "../domain/case/browse-cases";
import { confirmCaseFixed } from "../domain/case/confirm-case-fixed";
import { findNearbyCases } from "../domain/case/find-nearby-cases";
import { rateCase } from "../domain/case/rate-case";
import { reopenCase } from "../domain/case/reopen-case";
import { claimCases } from "../domain/citizen/claim-cases";
import { getCitizenProfile } from "../domain/citizen/get-citizen-profile";
import { listMyCases } from "../domain/citizen/list-my-cases";
import { requestSignInCode } from "../domain/citizen/request-sign-in-code";
import { updateCitizenProfile } from "../domain/citizen/update-citizen-profile";
import { verifySignInCode } from "../domain/citizen/verify-sign-in-code";
import { endSession } from "../domain/session/end-session";
import { bulkAssign } from "../domain/case/bulk-assign";
import { mergeCase } from "../domain/case/merge-case";
import { transferCase } from "../domain/case/transfer-case";
import { addHoliday } from "../domain/calendar/add-holiday";
import { listHolidays } from "../domain/calendar/list-holidays";
import { removeHoliday } from "../domain/calendar/remove-holiday";
import { accountabilityDashboard } from "../domain/dashboard/accountability-dashboard";
import { getStaffCase } from "../domain/case/get-staff-case";
import { listInbox } from "../domain/case/list-inbox";
import { listResponseTemplates } from "../domain/reference/response-templates";
import { addStaffMember } from "../domain/staff/add-staff-member";
import { getStaffMe } from "../domain/staff/get-staff-me";
import { listColleagues } from "../domain/staff/list-colleagues";
import { listStaff } from "../domain/staff/list-staff";
import { resetStaffCredentials } from "../domain/staff/reset-staff-credentials";
import { signInStaff } from "../domain/staff/sign-in-staff";
import { unlockStaff } from "../domain/staff/unlock-staff";
import {
  BulkAssignInput,
  Colleague,
  CreateStaffInput,
  DashboardInput,
  DashboardRow,
  Holiday,
  MergeInput,
  TransferInput,
  InboxInput,
  InboxPage,
  ResponseTemplate,
  StaffCaseView,
  StaffCredentials,
  StaffListItem,
  StaffMe,
  StaffSignInInput,
  StaffSignInResult,
} from "@baladiya/shared/staff";
import { getPublicCase } from "../domain/case/get-public-case";
import { lookupCase } from "../domain/case/lookup-case";
import { submitReport } from "../domain/case/submit-report";
import { supportCase } from "../domain/case/support-case";
import { DomainError } from "../domain/errors";
import { locatePoint } from "../domain/geo/locate-point";
import { listServices } from "../domain/service/list-services";
import {
  DeliveryItem,
  ListDeliveriesInput,
  RetryDeliveryInput,
  SubscribePushInput,
  SubscribePushResult,
  UnsubscribePushInput,
} from "@baladiya/shared/notifications";
import { listFailedDeliveries } from "../domain/notifications/list-failed-deliveries";
import { retryDelivery } from "../domain/notifications/retry-delivery";
import { subscribePush } from "../domain/notifications/subscribe-push";
import { unsubscribePush } from "../domain/notifications/unsubscribe-push";
import {
  CaseLedger,
  CaseLedgerInput,
  ConsistencyProof,
  ConsistencyProofInput,
  CosignInput,
  InclusionProof,
  InclusionProofInput,
  LedgerKey,
  RegisterWitnessInput,
  TreeHead,
} from "@baladiya/shared/ledger-api";
import { addCosignature } from "../domain/ledger/add-cosignature";
import { caseLedger } from "../domain/ledger/case-ledger";
import { latestTreeHead } from "../domain/ledger/latest-tree-head";
import { getLedgerKey } from "../domain/ledger/get-ledger-key";
import { proveConsistency } from "../domain/ledger/prove-consistency";
import { proveInclusion } from "../domain/ledger/prove-inclusion";
import { registerWitness } from "../domain/ledger/register-witness";
import { signTreeHead } from "../domain/ledger/sign-tree-head";
import { procedure, router } from "./init";
import {
  ApplicantApplicationView,
  ApplyCertificateResult,
  CertificateArea,
  CertificateQueueInput,
  CertificateQueuePage,
  CertificateVerification,
  InspectorCandidate,
  MyApplication,
  RevokeCertificateInput,
  StaffApplicationView,
  TrackApplicationInput,
} from "@baladiya/shared/certificate";
import { FieldDay, FieldReview, SyncBatchResult, ViolationView } from "@baladiya/shared/field";
import { actOnViolation } from "../domain/field/act-on-violation";
import { fieldDay } from "../domain/field/field-day";
import { fieldReview } from "../domain/field/field-review";
import { getViolation } from "../domain/field/get-violation";
import { syncFieldBatch, type SyncFile } from "../domain/field/sync-field-batch";
import { applyForCertificate } from "../domain/certificate/apply-for-certificate";
import { decideCertificate } from "../domain/certificate/decide-certificate";
import { getStaffApplication } from "../domain/certificate/get-staff-application";
import { listCertificateAreas } from "../domain/certificate/list-certificate-areas";
import { listCertificateQueue } from "../domain/certificate/list-certificate-queue";
import { listInspectors } from "../domain/certificate/list-inspectors";
import { listMyApplications } from "../domain/certificate/list-my-applications";
import { resubmitCertificate } from "../domain/certificate/resubmit-certificate";
import { revokeCertificate } from "../domain/certificate/revoke-certificate";
import type { UploadedFile } from "../domain/certificate/store-documents";
import { trackApplication } from "../domain/certificate/track-application";
import { verifyCertificate } from "../domain/certificate/verify-certificate";

import {
  ActivateKioskInput,
  AgentListItem,
  AgentView,
  CallDocumentSchema,
  CallEmployeeInput,
  CallRef,
  EndVisitInput,
  FileCertificateInput,
  FileComplaintInput,
  FiledResult,
  KioskActivation,
  KioskCallView,
  KioskConfig,
  KioskDevice,
  RegisterKioskInput,
  RegisterKioskResult,
  RequestVisitCodeInput,
  SetAgentSkillsInput,
  SetPresenceInput,
  StaffCallView,
  StartVisitInput,
  VerifyVisitCodeInput,
  VisitRef,
  VisitView,
} from "@baladiya/shared/kiosk";
import { acceptCall } from "../domain/kiosk/accept-call";
import { activateKiosk } from "../domain/kiosk/activate-kiosk";
import { getAgent } from "../domain/kiosk/agent-view";
import { attachIdCard } from "../domain/kiosk/attach-id-card";
import { callEmployee } from "../domain/kiosk/call-employee";
import { declineCall } from "../domain/kiosk/decline-call";
import { endCall } from "../domain/kiosk/end-call";
import { endVisit } from "../domain/kiosk/end-visit";
import { fileCertificateForVisitor } from "../domain/kiosk/file-certificate-for-visitor";
import { fileComplaintForVisitor } from "../domain/kiosk/file-complaint-for-visitor";
import { getKioskCall } from "../domain/kiosk/get-kiosk-call";
import { getKioskConfig } from "../domain/kiosk/kiosk-config";
import { getStaffCall } from "../domain/kiosk/get-staff-call";
import { listAgents } from "../domain/kiosk/list-agents";
import { listKiosks } from "../domain/kiosk/list-kiosks";
import { registerKiosk } from "../domain/kiosk/register-kiosk";
import { requestVisitCode } from "../domain/kiosk/request-visit-code";
import { revokeKiosk } from "../domain/kiosk/revoke-kiosk";
import { setAgentSkills } from "../domain/kiosk/set-agent-skills";
import { setPresence } from "../domain/kiosk/set-presence";
import { shareCallDocument } from "../domain/kiosk/share-call-document";
import { startVisit } from "../domain/kiosk/start-visit";
import { storeRecording } from "../domain/kiosk/store-recording";
import { verifyVisitCode } from "../domain/kiosk/verify-visit-code";

/** Photos travel as multipart: a field holding the JSON input (`report`, `info`, `action`), and `photos` files. */
const MultipartInput = z.instanceof(FormData);
/** Steps that may carry photos also take plain JSON when they carry none. */
const MultipartOrJson = z.union([z.instanceof(FormData), z.record(z.string(), z.unknown())]);

async function multipartOrJson(input: FormData | Record<string, unknown>, field: string) {
  return input instanceof FormData ? fromFormData(input, field) : { input, photos: [] };
}

async function fromFormData(
  form: FormData,
  field = "report",
): Promise<{ input: unknown; photos: { bytes: Uint8Array; name: string }[] }> {
  const raw = form.get(field);
  if (typeof raw !== "string") throw new DomainError("VALIDATION", `The multipart field '${field}' (JSON) is required`);
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    throw new DomainError("VALIDATION", `The field '${field}' is not valid JSON`);
  }
  const photos = [];
  for (const entry of form.getAll("photos")) {
    if (typeof entry === "string") throw new DomainError("VALIDATION", "'photos' must be files");
    photos.push({ bytes: new Uint8Array(await entry.arrayBuffer()), name: entry.name });
  }
  return { input, photos };
}

/** Certificate forms: a JSON field, and files each named by its form field (a document kind, or `photo`). */
async function certificateForm(
  input: FormData | Record<string, unknown>,
  field: string,
): Promise<{ input: unknown; files: UploadedFile[] }> {
  if (!(input instanceof FormData)) return { input, files: [] };
  const raw = input.get(field);
  if (typeof raw !== "string") throw new DomainError("VALIDATION", `The multipart field '${field}' (JSON) is required`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DomainError("VALIDATION", `The field '${field}' is not valid JSON`);
  }
  const files: UploadedFile[] = [];
  for (const [name, value] of input.entries()) {
    if (name === field) continue;
    if (typeof value === "string") throw new DomainError("VALIDATION", `'${name}' must be a file`);
    files.push({ field: name, name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { input: parsed, files };
}

/** The field app's batch: a JSON field `batch` and the photo files, each named by its item's `file`. */
async function fieldBatch(input: FormData | Record<string, unknown>): Promise<{ input: unknown; files: SyncFile[] }> {
  const { input: parsed, files } = await certificateForm(input, "batch");
  return { input: parsed, files: files.map((f) => ({ field: f.field, name: f.name, bytes: f.bytes })) };
}

/** Kiosk uploads: a JSON field and one file (named `file`, or `card` for the Civil ID card). */
async function kioskForm(input: FormData | Record<string, unknown>, field: string, fileField: string) {
  const { input: parsed, files } = await certificateForm(input, field);
  const file = files.find((f) => f.field === fileField);
  return { input: parsed, file: file ? { name: file.name, bytes: file.bytes } : undefined };
}

export const appRouter = router({
  kiosk: router({
    activate: procedure
      .input(ActivateKioskInput)
      .output(KioskActivation)
      .mutation(({ ctx, input }) => activateKiosk({ ctx: ctx.ctx, input })),
    config: procedure.output(KioskConfig).query(({ ctx }) => getKioskConfig({ ctx: ctx.ctx })),
    startVisit: procedure
      .input(StartVisitInput)
      .output(VisitView)
      .mutation(({ ctx, input }) => startVisit({ ctx: ctx.ctx, input })),
    requestCode: procedure
      .input(RequestVisitCodeInput)
      .output(VisitView)
      .mutation(({ ctx, input }) => requestVisitCode({ ctx: ctx.ctx, input })),
    verifyCode: procedure
      .input(VerifyVisitCodeInput)
      .output(VisitView)
      .mutation(({ ctx, input }) => verifyVisitCode({ ctx: ctx.ctx, input })),
    idCard: procedure
      .input(MultipartOrJson)
      .output(VisitView)
      .mutation(async ({ ctx, input }) => attachIdCard({ ctx: ctx.ctx, ...(await kioskForm(input, "visit", "card")) })),
    callEmployee: procedure
      .input(CallEmployeeInput)
      .output(KioskCallView)
      .mutation(({ ctx, input }) => callEmployee({ ctx: ctx.ctx, input })),
    currentCall: procedure
      .input(VisitRef)
      .output(KioskCallView.nullable())
      .query(({ ctx, input }) => getKioskCall({ ctx: ctx.ctx, input })),
    upload: procedure
      .input(MultipartOrJson)
      .output(CallDocumentSchema)
      .mutation(async ({ ctx, input }) => shareCallDocument({ ctx: ctx.ctx, ...(await kioskForm(input, "document", "file")) })),
    endVisit: procedure
      .input(EndVisitInput)
      .output(z.object({ ok: z.literal(true) }))
      .mutation(({ ctx, input }) => endVisit({ ctx: ctx.ctx, input })),
  }),
  field: router({
    today: procedure.output(FieldDay).query(({ ctx }) => fieldDay({ ctx: ctx.ctx })),
    sync: procedure
      .input(MultipartOrJson)
      .output(SyncBatchResult)
      .mutation(async ({ ctx, input }) => syncFieldBatch({ ctx: ctx.ctx, ...(await fieldBatch(input)) })),
    violation: procedure
      .input(z.object({ number: z.string() }))
      .output(ViolationView)
      .query(({ ctx, input }) => getViolation({ ctx: ctx.ctx, input })),
  }),
  certificates: router({
    submit: procedure
      .input(MultipartOrJson)
      .output(ApplyCertificateResult)
      .mutation(async ({ ctx, input }) =>
        applyForCertificate({ ctx: ctx.ctx, ...(await certificateForm(input, "application")) }),
      ),
    track: procedure
      .input(TrackApplicationInput)
      .output(ApplicantApplicationView)
      .query(({ ctx, input }) => trackApplication({ ctx: ctx.ctx, input })),
    mine: procedure.output(z.array(MyApplication)).query(({ ctx }) => listMyApplications({ ctx: ctx.ctx })),
    resubmit: procedure
      .input(MultipartOrJson)
      .output(ApplicantApplicationView)
      .mutation(async ({ ctx, input }) =>
        resubmitCertificate({ ctx: ctx.ctx, ...(await certificateForm(input, "resubmission")) }),
      ),
    verify: procedure
      .input(z.object({ number: z.string() }))
      .output(CertificateVerification)
      .query(({ ctx, input }) => verifyCertificate({ ctx: ctx.ctx, input })),
    areas: procedure
      .input(z.object({ governorateCode: z.string() }))
      .output(z.array(CertificateArea))
      .query(({ ctx, input }) => listCertificateAreas({ ctx: ctx.ctx, input })),
  }),
  services: router({
    list: procedure.output(z.array(PublicService)).query(({ ctx }) => listServices({ ctx: ctx.ctx })),
  }),
  geo: router({
    locate: procedure
      .input(LatLng)
      .output(LocateResult)
      .query(({ ctx, input }) => locatePoint({ ctx: ctx.ctx, input })),
  }),
  cases: router({
    submit: procedure
      .input(SubmitReportInput)
      .output(SubmitReportResult)
      .mutation(({ ctx, input }) => submitReport({ ctx: ctx.ctx, input })),
    submitWithPhotos: procedure
      .input(MultipartInput)
      .output(SubmitReportResult)
      .mutation(async ({ ctx, input }) => submitReport({ ctx: ctx.ctx, ...(await fromFormData(input)) })),
    lookup: procedure
      .input(LookupCaseInput)
      .output(ReporterCaseView)
      .query(({ ctx, input }) => lookupCase({ ctx: ctx.ctx, input })),
    get: procedure
      .input(z.object({ trackingNumber: TrackingNumber }))
      .output(PublicCase)
      .query(({ ctx, input }) => getPublicCase({ ctx: ctx.ctx, input })),
    nearby: procedure
      .input(NearbyInput)
      .output(z.array(NearbyCase))
      .query(({ ctx, input }) => findNearbyCases({ ctx: ctx.ctx, input })),
    support: procedure
      .input(SupportCaseInput)
      .output(z.object({ trackingNumber: z.string(), supportsCount: z.number() }))
      .mutation(({ ctx, input }) => supportCase({ ctx: ctx.ctx, input })),
    list: procedure
      .input(ListCasesInput)
      .output(CaseListPage)
      .query(({ ctx, input }) => browseCases({ ctx: ctx.ctx, input })),
    addInfo: procedure
      .input(MultipartOrJson)
      .output(ReporterCaseView)
      .mutation(async ({ ctx, input }) => addCaseInfo({ ctx: ctx.ctx, ...(await multipartOrJson(input, "info")) })),
    confirmFixed: procedure
      .input(ConfirmFixedInput)
      .output(ReporterCaseView)
      .mutation(({ ctx, input }) => confirmCaseFixed({ ctx: ctx.ctx, input })),
    reopen: procedure
      .input(ReopenCaseInput)
      .output(ReporterCaseView)
      .mutation(({ ctx, input }) => reopenCase({ ctx: ctx.ctx, input })),
    rate: procedure
      .input(RateCaseInput)
      .output(ReporterCaseView)
      .mutation(({ ctx, input }) => rateCase({ ctx: ctx.ctx, input })),
  }),
  citizen: router({
    requestCode: procedure
      .input(RequestSignInCodeInput)
      .output(RequestSignInCodeResult)
      .mutation(({ ctx, input }) => requestSignInCode({ ctx: ctx.ctx, input })),
    verifyCode: procedure
      .input(VerifySignInCodeInput)
      .output(SignInResult)
      .mutation(({ ctx, input }) => verifySignInCode({ ctx: ctx.ctx, input })),
    me: procedure.output(CitizenProfile).query(({ ctx }) => getCitizenProfile({ ctx: ctx.ctx })),
    updateProfile: procedure
      .input(UpdateProfileInput)
      .output(CitizenProfile)
      .mutation(({ ctx, input }) => updateCitizenProfile({ ctx: ctx.ctx, input })),
    signOut: procedure
      .output(z.object({ ok: z.literal(true) }))
      .mutation(({ ctx }) => endSession({ ctx: ctx.ctx, token: ctx.bearer })),
    myCases: procedure.output(z.array(CaseSummary)).query(({ ctx }) => listMyCases({ ctx: ctx.ctx })),
    claimCases: procedure
      .input(ClaimCasesInput)
      .output(z.object({ claimed: z.number().int() }))
      .mutation(({ ctx, input }) => claimCases({ ctx: ctx.ctx, input })),
  }),
  staff: router({
    signIn: procedure
      .input(StaffSignInInput)
      .output(StaffSignInResult)
      .mutation(({ ctx, input }) => signInStaff({ ctx: ctx.ctx, input })),
    me: procedure.output(StaffMe).query(({ ctx }) => getStaffMe({ ctx: ctx.ctx })),
    signOut: procedure
      .output(z.object({ ok: z.literal(true) }))
      .mutation(({ ctx }) => endSession({ ctx: ctx.ctx, token: ctx.bearer })),
    inbox: procedure
      .input(InboxInput)
      .output(InboxPage)
      .query(({ ctx, input }) => listInbox({ ctx: ctx.ctx, input })),
    case: procedure
      .input(z.object({ trackingNumber: TrackingNumber }))
      .output(StaffCaseView)
      .query(({ ctx, input }) => getStaffCase({ ctx: ctx.ctx, input })),
    act: procedure
      .input(MultipartOrJson)
      .output(StaffCaseView)
      .mutation(async ({ ctx, input }) => actOnCase({ ctx: ctx.ctx, ...(await multipartOrJson(input, "action")) })),
    bulkAssign: procedure
      .input(BulkAssignInput)
      .output(z.object({ assigned: z.number().int() }))
      .mutation(({ ctx, input }) => bulkAssign({ ctx: ctx.ctx, input })),
    transfer: procedure
      .input(TransferInput)
      .output(StaffCaseView)
      .mutation(({ ctx, input }) => transferCase({ ctx: ctx.ctx, input })),
    merge: procedure
      .input(MergeInput)
      .output(StaffCaseView)
      .mutation(({ ctx, input }) => mergeCase({ ctx: ctx.ctx, input })),
    templates: procedure.output(z.array(ResponseTemplate)).query(({ ctx }) => listResponseTemplates({ ctx: ctx.ctx })),
    colleagues: procedure
      .input(z.object({ governorateCode: z.string().optional() }).optional())
      .output(z.array(Colleague))
      .query(({ ctx, input }) => listColleagues({ ctx: ctx.ctx, input })),
    dashboard: procedure
      .input(DashboardInput)
      .output(z.object({ rows: z.array(DashboardRow), generatedAt: z.string(), from: z.string(), to: z.string() }))
      .query(({ ctx, input }) => accountabilityDashboard({ ctx: ctx.ctx, input })),
    kiosk: router({
      me: procedure.output(AgentView.nullable()).query(({ ctx }) => getAgent({ ctx: ctx.ctx })),
      setPresence: procedure
        .input(SetPresenceInput)
        .output(AgentView)
        .mutation(({ ctx, input }) => setPresence({ ctx: ctx.ctx, input })),
      accept: procedure
        .input(CallRef)
        .output(StaffCallView)
        .mutation(({ ctx, input }) => acceptCall({ ctx: ctx.ctx, input })),
      decline: procedure
        .input(CallRef)
        .output(AgentView)
        .mutation(({ ctx, input }) => declineCall({ ctx: ctx.ctx, input })),
      getCall: procedure
        .input(CallRef)
        .output(StaffCallView)
        .query(({ ctx, input }) => getStaffCall({ ctx: ctx.ctx, input })),
      push: procedure
        .input(MultipartOrJson)
        .output(CallDocumentSchema)
        .mutation(async ({ ctx, input }) => shareCallDocument({ ctx: ctx.ctx, ...(await kioskForm(input, "document", "file")) })),
      fileComplaint: procedure
        .input(FileComplaintInput)
        .output(FiledResult)
        .mutation(({ ctx, input }) => fileComplaintForVisitor({ ctx: ctx.ctx, input })),
      fileCertificate: procedure
        .input(FileCertificateInput)
        .output(FiledResult)
        .mutation(({ ctx, input }) => fileCertificateForVisitor({ ctx: ctx.ctx, input })),
      recording: procedure
        .input(MultipartOrJson)
        .output(z.object({ id: z.string(), sha256: z.string(), size: z.number().int() }))
        .mutation(async ({ ctx, input }) => storeRecording({ ctx: ctx.ctx, ...(await kioskForm(input, "recording", "file")) })),
      end: procedure
        .input(CallRef)
        .output(AgentView)
        .mutation(({ ctx, input }) => endCall({ ctx: ctx.ctx, input })),
    }),
    field: router({
      review: procedure.output(FieldReview).query(({ ctx }) => fieldReview({ ctx: ctx.ctx })),
      violation: procedure
        .input(z.object({ number: z.string() }))
        .output(ViolationView)
        .query(({ ctx, input }) => getViolation({ ctx: ctx.ctx, input })),
      actOnViolation: procedure
        .input(z.record(z.string(), z.unknown()))
        .output(ViolationView)
        .mutation(({ ctx, input }) => actOnViolation({ ctx: ctx.ctx, input })),
    }),
    certificates: router({
      queue: procedure
        .input(CertificateQueueInput.optional())
        .output(CertificateQueuePage)
        .query(({ ctx, input }) => listCertificateQueue({ ctx: ctx.ctx, input })),
      get: procedure
        .input(z.object({ number: z.string() }))
        .output(StaffApplicationView)
        .query(({ ctx, input }) => getStaffApplication({ ctx: ctx.ctx, input })),
      decide: procedure
        .input(MultipartOrJson)
        .output(StaffApplicationView)
        .mutation(async ({ ctx, input }) => decideCertificate({ ctx: ctx.ctx, ...(await certificateForm(input, "decision")) })),
      inspectors: procedure
        .input(z.object({ number: z.string() }))
        .output(z.array(InspectorCandidate))
        .query(({ ctx, input }) => listInspectors({ ctx: ctx.ctx, input })),
      revoke: procedure
        .input(RevokeCertificateInput)
        .output(CertificateVerification)
        .mutation(({ ctx, input }) => revokeCertificate({ ctx: ctx.ctx, input })),
    }),
    admin: router({
      kiosks: router({
        list: procedure.output(z.array(KioskDevice)).query(({ ctx }) => listKiosks({ ctx: ctx.ctx })),
        register: procedure
          .input(RegisterKioskInput)
          .output(RegisterKioskResult)
          .mutation(({ ctx, input }) => registerKiosk({ ctx: ctx.ctx, input })),
        revoke: procedure
          .input(z.object({ kioskId: z.string() }))
          .output(KioskDevice)
          .mutation(({ ctx, input }) => revokeKiosk({ ctx: ctx.ctx, input })),
        agents: procedure.output(z.array(AgentListItem)).query(({ ctx }) => listAgents({ ctx: ctx.ctx })),
        setAgent: procedure
          .input(SetAgentSkillsInput)
          .output(AgentListItem)
          .mutation(({ ctx, input }) => setAgentSkills({ ctx: ctx.ctx, input })),
      }),
      list: procedure.output(z.array(StaffListItem)).query(({ ctx }) => listStaff({ ctx: ctx.ctx })),
      create: procedure
        .input(CreateStaffInput)
        .output(StaffCredentials)
        .mutation(({ ctx, input }) => addStaffMember({ ctx: ctx.ctx, input })),
      unlock: procedure
        .input(z.object({ staffId: z.string() }))
        .output(z.object({ ok: z.literal(true) }))
        .mutation(({ ctx, input }) => unlockStaff({ ctx: ctx.ctx, input })),
      resetCredentials: procedure
        .input(z.object({ staffId: z.string() }))
        .output(StaffCredentials)
        .mutation(({ ctx, input }) => resetStaffCredentials({ ctx: ctx.ctx, input })),
      holidays: router({
        list: procedure.output(z.array(Holiday)).query(({ ctx }) => listHolidays({ ctx: ctx.ctx })),
        add: procedure
          .input(Holiday)
          .output(Holiday)
          .mutation(({ ctx, input }) => addHoliday({ ctx: ctx.ctx, input })),
        remove: procedure
          .input(z.object({ date: z.string() }))
          .output(z.object({ ok: z.literal(true) }))
          .mutation(({ ctx, input }) => removeHoliday({ ctx: ctx.ctx, input })),
      }),
    }),
  }),
  ledger: router({
    head: procedure.output(TreeHead).query(({ ctx }) => latestTreeHead({ ctx: ctx.ctx })),
    key: procedure.output(LedgerKey).query(({ ctx }) => getLedgerKey({ ctx: ctx.ctx })),
    inclusion: procedure
      .input(InclusionProofInput)
      .output(InclusionProof)
      .query(({ ctx, input }) => proveInclusion({ ctx: ctx.ctx, input })),
    consistency: procedure
      .input(ConsistencyProofInput)
      .output(ConsistencyProof)
      .query(({ ctx, input }) => proveConsistency({ ctx: ctx.ctx, input })),
    case: procedure
      .input(CaseLedgerInput)
      .output(CaseLedger)
      .query(({ ctx, input }) => caseLedger({ ctx: ctx.ctx, input })),
    cosign: procedure
      .input(CosignInput)
      .output(z.object({ stored: z.boolean() }))
      .mutation(({ ctx, input }) => addCosignature({ ctx: ctx.ctx, input })),
    sign: procedure.output(TreeHead.nullable()).mutation(({ ctx }) => signTreeHead({ ctx: ctx.ctx })),
    registerWitness: procedure
      .input(RegisterWitnessInput)
      .output(z.object({ name: z.string() }))
      .mutation(({ ctx, input }) => registerWitness({ ctx: ctx.ctx, input })),
  }),
  notifications: router({
    subscribe: procedure
      .input(SubscribePushInput)
      .output(SubscribePushResult)
      .mutation(({ ctx, input }) => subscribePush({ ctx: ctx.ctx, input })),
    unsubscribe: procedure
      .input(UnsubscribePushInput)
      .output(z.object({ removed: z.number().int() }))
      .mutation(({ ctx, input }) => unsubscribePush({ ctx: ctx.ctx, input })),
    failures: procedure
      .input(ListDeliveriesInput.optional())
      .output(z.array(DeliveryItem))
      .query(({ ctx, input }) => listFailedDeliveries({ ctx: ctx.ctx, input })),
    retry: procedure
      .input(RetryDeliveryInput)
      .output(z.object({ id: z.string(), status: DeliveryItem.shape.status, lastError: z.string().nullable() }))
      .mutation(({ ctx, input }) => retryDelivery({ ctx: ctx.ctx, input })),
  }),
});

export type AppRouter = typeof appRouter;
