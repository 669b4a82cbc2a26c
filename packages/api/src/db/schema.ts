import { customType, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A BLOB read and written as a Uint8Array on every runtime (no Node Buffer). */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array | ArrayBuffer }>({
  dataType: () => "blob",
  toDriver: (value) => value,
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value)),
});

// Keys are UUIDv7 text made in the app: integer keys silently lose rows across libSQL replicas.

export const governorates = sqliteTable("governorates", {
  code: text("code").primaryKey(),
  prefix: text("prefix").notNull().unique(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  /** The number used by the areas layer's `gov_no` property. */
  layerNo: integer("layer_no").notNull().unique(),
});

export const areas = sqliteTable(
  "areas",
  {
    id: text("id").primaryKey(),
    governorateCode: text("governorate_code")
      .notNull()
      .references(() => governorates.code),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    sourceRef: text("source_ref").notNull(),
    /** GeoJSON Polygon or MultiPolygon geometry, as text. */
    geometry: text("geometry").notNull(),
    minLng: real("min_lng").notNull(),
    minLat: real("min_lat").notNull(),
    maxLng: real("max_lng").notNull(),
    maxLat: real("max_lat").notNull(),
    importedAt: text("imported_at").notNull(),
  },
  (t) => [uniqueIndex("areas_source_ref").on(t.sourceRef)],
);

export const departments = sqliteTable(
  "departments",
  {
    id: text("id").primaryKey(),
    governorateCode: text("governorate_code")
      .notNull()
      .references(() => governorates.code),
    kind: text("kind").notNull(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
  },
  (t) => [uniqueIndex("departments_branch_kind").on(t.governorateCode, t.kind)],
);

export const services = sqliteTable("services", {
  code: text("code").primaryKey(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  descriptionAr: text("description_ar").notNull(),
  descriptionEn: text("description_en").notNull(),
  groupAr: text("group_ar").notNull(),
  groupEn: text("group_en").notNull(),
  keywords: text("keywords").notNull(),
  icon: text("icon").notNull(),
  departmentKind: text("department_kind").notNull(),
  priority: text("priority").notNull(),
  responseHours: integer("response_hours").notNull(),
  /** JSON array of ServiceAttribute. */
  attributes: text("attributes").notNull().default("[]"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const staff = sqliteTable(
  "staff",
  {
    id: text("id").primaryKey(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    email: text("email").notNull().unique(),
    governorateCode: text("governorate_code")
      .notNull()
      .references(() => governorates.code),
    departmentId: text("department_id").references(() => departments.id),
    role: text("role").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Open cases assigned to this person: kept in the transactions that assign, close or reopen. */
    openCaseCount: integer("open_case_count").notNull().default(0),
    /** PBKDF2-SHA256, self-describing: `pbkdf2-sha256$iterations$salt$hash` (base64url). */
    passwordHash: text("password_hash"),
    /** The authenticator (TOTP) secret, base32. */
    totpSecret: text("totp_secret"),
    /** The last TOTP time step used: a code works once. */
    lastTotpStep: integer("last_totp_step"),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: text("locked_until"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("staff_branch").on(t.governorateCode, t.active)],
);

export const staffSpecialties = sqliteTable(
  "staff_specialties",
  {
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    serviceCode: text("service_code")
      .notNull()
      .references(() => services.code),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.serviceCode] }), index("specialty_service").on(t.serviceCode)],
);

export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    trackingNumber: text("tracking_number").notNull().unique(),
    governorateCode: text("governorate_code")
      .notNull()
      .references(() => governorates.code),
    areaId: text("area_id")
      .notNull()
      .references(() => areas.id),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    serviceCode: text("service_code")
      .notNull()
      .references(() => services.code),
    status: text("status").notNull(),
    isOpen: integer("is_open", { mode: "boolean" }).notNull(),
    description: text("description").notNull(),
    lat: real("lat").notNull(),
    lng: real("lng").notNull(),
    /** ~100 m grid cell of the point (see geoCell), so nearby look-ups use an index. */
    geoCell: integer("geo_cell").notNull(),
    addressString: text("address_string"),
    addressId: text("address_id"),
    attributes: text("attributes").notNull().default("{}"),
    mediaUrl: text("media_url"),
    // Personal data: never leaves through public views or Open311.
    reporterName: text("reporter_name"),
    reporterPhone: text("reporter_phone"),
    reporterEmail: text("reporter_email"),
    reporterCivilId: text("reporter_civil_id"),
    tokenHash: text("token_hash").notNull(),
    /** Open311 `token`: public, opaque, resolves to the service_request_id. */
    requestToken: text("request_token").notNull().unique(),
    source: text("source").notNull(),
    apiKeyId: text("api_key_id"),
    assignedStaffId: text("assigned_staff_id").references(() => staff.id),
    priority: text("priority").notNull(),
    dueAt: text("due_at").notNull(),
    supportsCount: integer("supports_count").notNull().default(0),
    duplicateOf: text("duplicate_of"),
    /** The signed-in resident who reported it, or who later claimed it with its token. */
    citizenId: text("citizen_id"),
    /** The last resolved_* status, kept when the case is closed ("closed, not fixed"). */
    resolution: text("resolution"),
    resolvedAt: text("resolved_at"),
    reopenCount: integer("reopen_count").notNull().default(0),
    ratingScore: integer("rating_score"),
    ratingComment: text("rating_comment"),
    ratedAt: text("rated_at"),
    /** First time staff acted on it: the start of "time to acknowledge". */
    acknowledgedAt: text("acknowledged_at"),
    /** Seconds from report to acknowledgement, and to the standing resolution: the dashboards' medians. */
    ackSeconds: integer("ack_seconds"),
    resolveSeconds: integer("resolve_seconds"),
    /** 0 on time; 1 escalated to the supervisor; 2 to the branch manager. */
    escalationLevel: integer("escalation_level").notNull().default(0),
    escalatedAt: text("escalated_at"),
    locale: text("locale").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    // One spatial index serves both look-ups: open cases by grid cell, then by service within it.
    index("cases_open_cell").on(t.isOpen, t.geoCell, t.serviceCode),
    index("cases_created").on(t.createdAt),
    index("cases_citizen").on(t.citizenId, t.createdAt),
    index("cases_queue").on(t.governorateCode, t.isOpen, t.dueAt),
    index("cases_assignee").on(t.assignedStaffId, t.isOpen, t.dueAt),
    index("cases_escalation").on(t.isOpen, t.escalationLevel, t.dueAt),
    index("cases_branch_recent").on(t.governorateCode, t.isOpen, t.createdAt),
    // Covers the dashboards: a quarter of a branch's reports is read from the index alone.
    index("cases_branch_created").on(
      t.governorateCode,
      t.createdAt,
      t.departmentId,
      t.assignedStaffId,
      t.ackSeconds,
      t.resolveSeconds,
      t.reopenCount,
      t.ratingScore,
    ),
  ],
);

export const caseEvents = sqliteTable(
  "case_events",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind").notNull(),
    status: text("status"),
    /** Machine-made text in both languages, as JSON {ar, en}; null for free notes. */
    text: text("text"),
    note: text("note"),
    isPublic: integer("is_public", { mode: "boolean" }).notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("events_case").on(t.caseId, t.createdAt), index("events_created").on(t.createdAt)],
);

export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    eventId: text("event_id").references(() => caseEvents.id),
    originalKey: text("original_key").notNull(),
    originalSha256: text("original_sha256").notNull(),
    publicKey: text("public_key").notNull(),
    thumbKey: text("thumb_key").notNull(),
    mime: text("mime").notNull(),
    byteSize: integer("byte_size").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    // Private: exact photo metadata never leaves through public views.
    exifLat: real("exif_lat"),
    exifLng: real("exif_lng"),
    exifTakenAt: text("exif_taken_at"),
    position: integer("position").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("attachments_case").on(t.caseId, t.position)],
);

export const caseSupports = sqliteTable(
  "case_supports",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    supporterRef: text("supporter_ref").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("supports_once").on(t.caseId, t.supporterRef)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    before: text("before"),
    after: text("after"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("audit_subject").on(t.subjectType, t.subjectId)],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    topic: text("topic").notNull(),
    payload: text("payload").notNull(),
    createdAt: text("created_at").notNull(),
    processedAt: text("processed_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Not before this time: failed deliveries back off. Null means at once. */
    availableAt: text("available_at"),
  },
  (t) => [index("outbox_pending").on(t.processedAt, t.createdAt)],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    response: text("response").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const trackingCounters = sqliteTable(
  "tracking_counters",
  {
    governorateCode: text("governorate_code").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.governorateCode, t.year] })],
);

export const apiKeys = sqliteTable("api_keys", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  keyPrefix: text("key_prefix").notNull(),
  /** Requests per minute allowed for this key; null uses the server default. */
  rateLimitPerMinute: integer("rate_limit_per_minute"),
  createdAt: text("created_at").notNull(),
  revokedAt: text("revoked_at"),
});

/** Small key/value facts about the data, e.g. `reference_version`, bumped when reference data changes. */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** Residents who signed in with their phone; Civil ID is optional and validated. */
export const citizens = sqliteTable("citizens", {
  id: text("id").primaryKey(),
  phone: text("phone").notNull().unique(),
  name: text("name"),
  civilId: text("civil_id"),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** One-time sign-in codes: only a hash is kept; a few tries each, short-lived. */
export const signInCodes = sqliteTable(
  "sign_in_codes",
  {
    id: text("id").primaryKey(),
    phone: text("phone").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    consumedAt: text("consumed_at"),
  },
  (t) => [index("sign_in_codes_phone").on(t.phone, t.createdAt)],
);

/** Sessions of residents and of staff: the bearer token is given once and kept only as a hash. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    subjectKind: text("subject_kind").notNull(),
    subjectId: text("subject_id").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("sessions_subject").on(t.subjectKind, t.subjectId)],
);

/** Public holidays: days the response-target clock does not run. Administrators keep them. */
export const holidays = sqliteTable("holidays", {
  date: text("date").primaryKey(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  createdAt: text("created_at").notNull(),
});

/**
 * Browsers that asked to be told of a case (tracking number and token proven) or of every case of a
 * signed-in resident (Web Push). A subscription the push service calls gone (404/410) is deleted.
 */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: text("id").primaryKey(),
    endpoint: text("endpoint").notNull(),
    /** The browser's P-256 public key and auth secret (base64url), for payload encryption (RFC 8291). */
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    /** "case" (subjectId = cases.id) or "citizen" (subjectId = citizens.id). */
    subjectKind: text("subject_kind").notNull(),
    subjectId: text("subject_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("push_subscriptions_once").on(t.endpoint, t.subjectKind, t.subjectId),
    index("push_subscriptions_subject").on(t.subjectKind, t.subjectId),
  ],
);

/**
 * One message on one channel to one recipient, made from an outbox row by the drain: each is sent,
 * retried and given up on alone, so an e-mail that went out is never sent again because the SMS
 * failed. Failed and skipped deliveries stay here, visible to administrators.
 */
export const notificationDeliveries = sqliteTable(
  "notification_deliveries",
  {
    id: text("id").primaryKey(),
    outboxId: text("outbox_id").notNull(),
    topic: text("topic").notNull(),
    caseId: text("case_id"),
    /** "sms", "email", "push", or "none" when nobody could be told (recorded as skipped). */
    channel: text("channel").notNull(),
    /** A phone number, an e-mail address or a push_subscriptions id. */
    recipient: text("recipient"),
    locale: text("locale").notNull(),
    /** The message as rendered for this recipient: JSON {subject, text, url}. */
    message: text("message").notNull(),
    /** pending, sent, failed (gave up; an administrator may retry) or skipped (nobody to send to). */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    availableAt: text("available_at").notNull(),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [
    index("deliveries_due").on(t.status, t.availableAt),
    uniqueIndex("deliveries_once").on(t.outboxId, t.channel, t.recipient),
  ],
);

/**
 * The transparency ledger (RFC 9162): every case event and audit row is a leaf. Triggers queue each
 * new row in `ledger_pending` inside its own transaction; the store seals the queue into leaves and
 * tree nodes before that transaction commits.
 */
export const ledgerPending = sqliteTable("ledger_pending", {
  /** Local order of arrival within the primary: the order the leaves are appended in. */
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  kind: text("kind").notNull(),
  sourceId: text("source_id").notNull(),
});

/** One leaf per recorded row, at position `seq` of the log. */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    seq: integer("seq").primaryKey(),
    /** "case_event" or "audit". */
    kind: text("kind").notNull(),
    sourceId: text("source_id").notNull().unique(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    /**
     * SHA-256(salt ‖ the row's canonical content), hex. With the other columns it makes the leaf's
     * entry (entryText), the exact bytes hashed into the leaf: canonical JSON with no personal data.
     */
    content: text("content").notNull(),
    /** Private: with it, the row's content can be checked against the entry's salted content hash. */
    salt: text("salt").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("ledger_subject").on(t.subjectType, t.subjectId, t.seq)],
);

/** Perfect subtrees of the log, id = level · 2^40 + index; level 0 holds the leaf hashes. */
export const ledgerNodes = sqliteTable("ledger_nodes", {
  id: integer("id").primaryKey(),
  hash: bytes("hash").notNull(),
});

/** Signed tree heads (C2SP checkpoints signed with the log's Ed25519 key). */
export const ledgerHeads = sqliteTable(
  "ledger_heads",
  {
    id: text("id").primaryKey(),
    size: integer("size").notNull(),
    root: text("root").notNull(),
    /** Unix seconds, as in the checkpoint's `time` line. */
    time: integer("time").notNull(),
    note: text("note").notNull(),
  },
  (t) => [index("ledger_heads_size").on(t.size, t.time)],
);

/** Outside witnesses allowed to co-sign, with their C2SP verifier keys. */
export const ledgerWitnesses = sqliteTable("ledger_witnesses", {
  name: text("name").primaryKey(),
  vkey: text("vkey").notNull(),
  createdAt: text("created_at").notNull(),
});

/** A witness's co-signature of a tree head (C2SP tlog-cosignature line). */
export const ledgerCosignatures = sqliteTable(
  "ledger_cosignatures",
  {
    headId: text("head_id")
      .notNull()
      .references(() => ledgerHeads.id),
    witness: text("witness")
      .notNull()
      .references(() => ledgerWitnesses.name),
    line: text("line").notNull(),
    time: integer("time").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.headId, t.witness] })],
);

/** The municipality's register of plots: an application names one of these (قسيمة in a block of an area). */
export const plots = sqliteTable(
  "plots",
  {
    id: text("id").primaryKey(),
    governorateCode: text("governorate_code")
      .notNull()
      .references(() => governorates.code),
    areaId: text("area_id")
      .notNull()
      .references(() => areas.id),
    block: text("block").notNull(),
    plot: text("plot").notNull(),
    planNumber: text("plan_number").notNull(),
    landAreaM2: real("land_area_m2"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("plots_place").on(t.areaId, t.block, t.plot)],
);

/** Areas an inspector covers: the automatic assignment prefers them. */
export const staffAreas = sqliteTable(
  "staff_areas",
  {
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    areaId: text("area_id")
      .notNull()
      .references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.areaId] }), index("staff_areas_area").on(t.areaId)],
);

/** An employee's Ed25519 signing key; the secret is sealed (AES-GCM) under the server's key-wrapping key. */
export const staffKeys = sqliteTable(
  "staff_keys",
  {
    id: text("id").primaryKey(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    publicKey: text("public_key").notNull(),
    sealedSecret: bytes("sealed_secret").notNull(),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("staff_keys_staff").on(t.staffId, t.revokedAt)],
);

/** A property description certificate application and where it stands in its workflow. */
export const certificateApplications = sqliteTable(
  "certificate_applications",
  {
    id: text("id").primaryKey(),
    number: text("number").notNull().unique(),
    workflowVersion: integer("workflow_version").notNull(),
    plotId: text("plot_id")
      .notNull()
      .references(() => plots.id),
    governorateCode: text("governorate_code")
      .notNull()
      .references(() => governorates.code),
    purpose: text("purpose").notNull(),
    ownerCivilId: text("owner_civil_id").notNull(),
    applicantCivilId: text("applicant_civil_id").notNull(),
    citizenId: text("citizen_id"),
    phone: text("phone"),
    note: text("note"),
    /** SHA-256 of the applicant's tracking token (hex). */
    tokenHash: text("token_hash").notNull(),
    /** Filed at a branch counter by this clerk, or null when the resident applied online. */
    filedBy: text("filed_by"),
    state: text("state").notNull(),
    assignedStaffId: text("assigned_staff_id").references(() => staff.id),
    stateEnteredAt: text("state_entered_at").notNull(),
    dueAt: text("due_at"),
    escalationLevel: integer("escalation_level").notNull().default(0),
    /** The inspector's latest description (PropertyDescription JSON). */
    description: text("description"),
    stepCount: integer("step_count").notNull().default(0),
    /** SHA-256 of the last step's signed payload: the next step chains to it. */
    lastStepHash: text("last_step_hash").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("cert_apps_queue").on(t.state, t.governorateCode, t.dueAt),
    index("cert_apps_assignee").on(t.assignedStaffId, t.state),
    index("cert_apps_citizen").on(t.citizenId),
    index("cert_apps_plot").on(t.plotId),
  ],
);

/** Every decision on an application, signed by whoever took it; each is also an audit row (a ledger leaf). */
export const certificateSteps = sqliteTable(
  "certificate_steps",
  {
    id: text("id").primaryKey(),
    applicationId: text("application_id")
      .notNull()
      .references(() => certificateApplications.id),
    seq: integer("seq").notNull(),
    action: text("action").notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    role: text("role").notNull(),
    reason: text("reason"),
    /** What the step decided, canonical JSON; its SHA-256 is the payload's `data`. */
    data: text("data").notNull(),
    payload: text("payload").notNull(),
    keyId: text("key_id"),
    signature: text("signature"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("cert_steps_seq").on(t.applicationId, t.seq)],
);

/** Scanned documents of an application and the inspector's violation photos, stored as blobs. */
export const certificateDocuments = sqliteTable(
  "certificate_documents",
  {
    id: text("id").primaryKey(),
    applicationId: text("application_id")
      .notNull()
      .references(() => certificateApplications.id),
    stepSeq: integer("step_seq"),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    mime: text("mime").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    blobKey: text("blob_key").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("cert_docs_app").on(t.applicationId)],
);

/** Issued certificates: the signed document, its content hash (in the ledger) and its status. */
export const certificates = sqliteTable(
  "certificates",
  {
    id: text("id").primaryKey(),
    number: text("number").notNull().unique(),
    applicationId: text("application_id")
      .notNull()
      .unique()
      .references(() => certificateApplications.id),
    plotId: text("plot_id")
      .notNull()
      .references(() => plots.id),
    /** The CertificateDocumentData, canonical JSON: exactly what the content hash covers. */
    document: text("document").notNull(),
    contentHash: text("content_hash").notNull(),
    /** The audit row that put the content hash in the ledger. */
    auditId: text("audit_id").notNull(),
    status: text("status").notNull(),
    supersededBy: text("superseded_by"),
    revokedReason: text("revoked_reason"),
    pdfKey: text("pdf_key"),
    pdfAt: text("pdf_at"),
    issuedAt: text("issued_at").notNull(),
    validUntil: text("valid_until").notNull(),
  },
  (t) => [index("certificates_plot").on(t.plotId, t.issuedAt)],
);

/**
 * Work a certificate step leaves for after its commit (render the PDF, forward to the Ministry of
 * Justice), written in the step's transaction: an outbox, retried with back-off.
 */
export const certificateJobs = sqliteTable(
  "certificate_jobs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    applicationId: text("application_id")
      .notNull()
      .references(() => certificateApplications.id),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    availableAt: text("available_at").notNull(),
    lastError: text("last_error"),
    /** The Ministry's signed receipt (JSON) once it answered. */
    receipt: text("receipt"),
    createdAt: text("created_at").notNull(),
    doneAt: text("done_at"),
  },
  (t) => [index("cert_jobs_due").on(t.status, t.availableAt)],
);

/** Per branch and year, the last application and certificate numbers handed out. */
export const certificateCounters = sqliteTable(
  "certificate_counters",
  {
    series: text("series").notNull(),
    governorateCode: text("governorate_code").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.governorateCode, t.year] })],
);

/** A violation an inspector recorded in the field, with its own lifecycle (shared/field.ts). */
export const violations = sqliteTable(
  "violations",
  {
    id: text("id").primaryKey(),
    number: text("number").notNull().unique(),
    type: text("type").notNull(),
    governorateCode: text("governorate_code")
      .notNull()
      .references(() => governorates.code),
    areaId: text("area_id").references(() => areas.id),
    lat: real("lat").notNull(),
    lng: real("lng").notNull(),
    offenderKind: text("offender_kind").notNull(),
    /** The offender's Civil ID or commercial licence number: private, shown to staff only. */
    offenderRef: text("offender_ref").notNull(),
    offenderName: text("offender_name"),
    description: text("description").notNull(),
    state: text("state").notNull(),
    deadline: text("deadline"),
    /** The complaint it came from, if any. */
    caseId: text("case_id").references(() => cases.id),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => staff.id),
    lastActorId: text("last_actor_id"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("violations_state").on(t.state, t.deadline),
    index("violations_case").on(t.caseId),
    index("violations_gov").on(t.governorateCode, t.state),
  ],
);

/** Each step of a violation's lifecycle: who, when, with what note. */
export const violationEvents = sqliteTable(
  "violation_events",
  {
    id: text("id").primaryKey(),
    violationId: text("violation_id")
      .notNull()
      .references(() => violations.id),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    note: text("note"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("violation_events_violation").on(t.violationId, t.createdAt)],
);

/** An inspector's field task: an assigned case, a violation's re-inspection, or a random re-inspection. */
export const fieldTasks = sqliteTable(
  "field_tasks",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    inspectorId: text("inspector_id")
      .notNull()
      .references(() => staff.id),
    caseId: text("case_id").references(() => cases.id),
    violationId: text("violation_id").references(() => violations.id),
    /** Rounded position of the property visited: the rotation rule counts visits per property. */
    propertyKey: text("property_key").notNull(),
    dueAt: text("due_at"),
    status: text("status").notNull(),
    createdAt: text("created_at").notNull(),
    doneAt: text("done_at"),
  },
  (t) => [
    index("field_tasks_inspector").on(t.inspectorId, t.status),
    index("field_tasks_property").on(t.propertyKey, t.createdAt),
    index("field_tasks_case").on(t.caseId),
    index("field_tasks_violation").on(t.violationId),
  ],
);

/** A photo taken in the field app with the facts of its capture, and what the server made of them. */
export const fieldEvidence = sqliteTable(
  "field_evidence",
  {
    id: text("id").primaryKey(),
    /** The sync item that brought it. */
    itemKey: text("item_key").notNull().unique(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    blobKey: text("blob_key").notNull(),
    mime: text("mime").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    lat: real("lat").notNull(),
    lng: real("lng").notNull(),
    accuracyM: real("accuracy_m").notNull(),
    deviceTime: text("device_time").notNull(),
    receivedAt: text("received_at").notNull(),
    /** How far the phone's clock was behind (+) or ahead (−) of the server's when it sent the batch. */
    clockSkewSeconds: integer("clock_skew_seconds").notNull(),
    distanceM: real("distance_m"),
    /** JSON array of EvidenceFlag. */
    flags: text("flags").notNull(),
    inspectorId: text("inspector_id")
      .notNull()
      .references(() => staff.id),
    deviceId: text("device_id").notNull(),
  },
  (t) => [index("field_evidence_subject").on(t.subjectType, t.subjectId), index("field_evidence_flagged").on(t.receivedAt)],
);

/** Sync items applied, by their idempotency key: a key seen again answers "duplicate", never applies twice. */
export const fieldSyncItems = sqliteTable("field_sync_items", {
  key: text("key").primaryKey(),
  staffId: text("staff_id").notNull(),
  batchId: text("batch_id").notNull(),
  kind: text("kind").notNull(),
  ref: text("ref"),
  createdAt: text("created_at").notNull(),
});

// ---------------------------------------------------------------------------------------------
// Kiosks: machines in co-operative societies, their visitors, and the video calls with employees.
// ---------------------------------------------------------------------------------------------

/** A registered kiosk; its device key is kept only as a hash. */
export const kiosks = sqliteTable("kiosks", {
  id: text("id").primaryKey(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  placeAr: text("place_ar").notNull(),
  placeEn: text("place_en").notNull(),
  governorateCode: text("governorate_code").notNull(),
  lat: real("lat").notNull(),
  lng: real("lng").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  active: integer("active", { mode: "boolean" }).notNull(),
  createdAt: text("created_at").notNull(),
  createdBy: text("created_by").notNull(),
  revokedAt: text("revoked_at"),
  lastSeenAt: text("last_seen_at"),
});

/** One visitor at one kiosk, from the first touch to the reset; identified by Civil ID and a code. */
export const kioskVisits = sqliteTable(
  "kiosk_visits",
  {
    id: text("id").primaryKey(),
    kioskId: text("kiosk_id").notNull(),
    locale: text("locale").notNull(),
    state: text("state").notNull(),
    civilId: text("civil_id"),
    phone: text("phone"),
    citizenId: text("citizen_id"),
    codeHash: text("code_hash"),
    codeSentAt: text("code_sent_at"),
    codeExpiresAt: text("code_expires_at"),
    codeAttempts: integer("code_attempts").notNull(),
    codesSent: integer("codes_sent").notNull(),
    verifiedAt: text("verified_at"),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at"),
    endReason: text("end_reason"),
  },
  (t) => [index("kiosk_visits_kiosk").on(t.kioskId, t.startedAt)],
);

/** Employees who answer kiosk calls: their skills (kiosk services) and presence. */
export const kioskAgents = sqliteTable("kiosk_agents", {
  staffId: text("staff_id").primaryKey(),
  skills: text("skills").notNull(),
  presence: text("presence").notNull(),
  /** Since when in this presence (the longest-idle available employee is offered the next call). */
  presenceAt: text("presence_at").notNull(),
});

/** A visitor's request for an employee: queued, offered, connected, ended. */
export const kioskCalls = sqliteTable(
  "kiosk_calls",
  {
    id: text("id").primaryKey(),
    visitId: text("visit_id").notNull(),
    kioskId: text("kiosk_id").notNull(),
    service: text("service").notNull(),
    state: text("state").notNull(),
    recordingConsent: integer("recording_consent", { mode: "boolean" }).notNull(),
    queuedAt: text("queued_at").notNull(),
    offeredTo: text("offered_to"),
    offerExpiresAt: text("offer_expires_at"),
    /** Employees who let the offer run out or declined it (JSON array): not offered this call again. */
    skipped: text("skipped").notNull(),
    acceptedBy: text("accepted_by"),
    acceptedAt: text("accepted_at"),
    endedAt: text("ended_at"),
    endReason: text("end_reason"),
  },
  (t) => [index("kiosk_calls_state").on(t.state, t.queuedAt), index("kiosk_calls_visit").on(t.visitId)],
);

/** Files exchanged during a visit: the ID card photo, scans from the kiosk, documents from the employee. */
export const kioskDocuments = sqliteTable(
  "kiosk_documents",
  {
    id: text("id").primaryKey(),
    visitId: text("visit_id").notNull(),
    callId: text("call_id"),
    direction: text("direction").notNull(),
    idCard: integer("id_card", { mode: "boolean" }).notNull(),
    name: text("name").notNull(),
    blobKey: text("blob_key").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [index("kiosk_documents_visit").on(t.visitId, t.createdAt)],
);

/** What a call produced: a case or a certificate application filed for the visitor. */
export const kioskResults = sqliteTable(
  "kiosk_results",
  {
    id: text("id").primaryKey(),
    callId: text("call_id").notNull(),
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
    /** The case's or application's id: its tracking token is derived from it for the receipt's QR code. */
    subjectId: text("subject_id").notNull(),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [index("kiosk_results_call").on(t.callId)],
);

/** A call's recording (with the visitor's consent); its hash is in the audit row, hence in the ledger. */
export const kioskRecordings = sqliteTable("kiosk_recordings", {
  id: text("id").primaryKey(),
  callId: text("call_id").notNull(),
  blobKey: text("blob_key").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  startedAt: text("started_at").notNull(),
  createdAt: text("created_at").notNull(),
  createdBy: text("created_by").notNull(),
});
