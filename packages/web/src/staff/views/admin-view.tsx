import { createResource, createSignal, For, lazy, Show, Suspense } from "solid-js";
import type { GovernorateCode } from "@baladiya/shared/geo";
import type { StaffRole } from "@baladiya/shared/staff";
import type { AppError } from "../../app-error";
import { GOVERNORATES } from "../../components/filters";
import { kuwaitTime, t, tx } from "../../i18n";
import { listServices } from "../../queries";
import { FailedDeliveries } from "../components/failed-deliveries";
import { StaffErrorBox } from "../components/staff-error";
import { num, st, type StaffKey } from "../i18n-staff";
import {
  addHoliday,
  createStaff,
  listHolidays,
  listStaff,
  removeHoliday,
  resetCredentials,
  unlockStaff,
  type Credentials,
  type StaffMember,
} from "../queries";
import { isAdministrator } from "../session";
import { staffError } from "../staff-error";

// Kiosk management comes with the kiosk section's own chunk.
const KioskAdmin = lazy(() => import("../kiosk/pages").then((m) => ({ default: m.KioskAdmin })));

const ROLES: StaffRole[] = [
  "clerk",
  "department_officer",
  "inspector",
  "supervisor",
  "branch_manager",
  "survey_auditor",
  "moj_registrar",
  "administrator",
];
const DEPARTMENTS = ["cleanliness", "audit", "emergency", "violations", "building"];

const roleLabel = (role: string) => st(`role.${role}` as StaffKey);
const deptLabel = (kind: string | null) => (kind ? st(`dept.${kind}` as StaffKey) : st("admin.noDepartment"));

/** Credentials shown once, right after they are made. */
function CredentialsPanel(props: { name: string; credentials: Credentials; onDismiss: () => void }) {
  return (
    <div class="panel success credentials" role="status">
      <h3>{st("admin.credentials", { name: props.name })}</h3>
      <p class="warning">{st("admin.credentialsOnce")}</p>
      <dl class="facts">
        <dt>{st("admin.password")}</dt>
        <dd>
          <code dir="ltr">{props.credentials.password}</code>
        </dd>
        <dt>{st("admin.totpSecret")}</dt>
        <dd>
          <code dir="ltr">{props.credentials.totpSecret}</code>
        </dd>
        <dt>{st("admin.otpauth")}</dt>
        <dd>
          <code dir="ltr" class="wrap">
            {props.credentials.otpauthUrl}
          </code>
        </dd>
      </dl>
      <button type="button" class="secondary" onClick={() => props.onDismiss()}>
        {st("admin.dismiss")}
      </button>
    </div>
  );
}

function CreateStaffForm(props: { onCreated: (name: string, credentials: Credentials) => void }) {
  const [services] = createResource(listServices);
  const [nameAr, setNameAr] = createSignal("");
  const [nameEn, setNameEn] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal<StaffRole>("department_officer");
  const [branch, setBranch] = createSignal<GovernorateCode>("KW-KU");
  const [department, setDepartment] = createSignal("cleanliness");
  const [specialties, setSpecialties] = createSignal<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const credentials = await createStaff({
        name: { ar: nameAr().trim(), en: nameEn().trim() },
        email: email().trim(),
        role: role(),
        governorateCode: branch(),
        ...(department() ? { departmentKind: department() } : {}),
        specialties: [...specialties()],
      });
      props.onCreated(nameAr().trim() || nameEn().trim(), credentials);
      setNameAr("");
      setNameEn("");
      setEmail("");
      setSpecialties(new Set<string>());
    } catch (err) {
      setError(staffError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="side-form">
      <summary>{st("admin.create")}</summary>
      <form onSubmit={(e) => void submit(e)} novalidate>
        <div class="row">
          <label>
            {st("admin.nameAr")}
            <input dir="rtl" lang="ar" required value={nameAr()} onInput={(e) => setNameAr(e.currentTarget.value)} />
          </label>
          <label>
            {st("admin.nameEn")}
            <input dir="ltr" lang="en" required value={nameEn()} onInput={(e) => setNameEn(e.currentTarget.value)} />
          </label>
          <label>
            {st("admin.email")}
            <input type="email" dir="ltr" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
          </label>
        </div>
        <div class="row">
          <label>
            {st("admin.role")}
            <select value={role()} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
              <For each={ROLES}>{(r) => <option value={r}>{roleLabel(r)}</option>}</For>
            </select>
          </label>
          <label>
            {st("admin.branch")}
            <select value={branch()} onChange={(e) => setBranch(e.currentTarget.value as GovernorateCode)}>
              <For each={GOVERNORATES}>{(g) => <option value={g}>{t(`gov.${g}`)}</option>}</For>
            </select>
          </label>
          <label>
            {st("admin.department")}
            <select value={department()} onChange={(e) => setDepartment(e.currentTarget.value)}>
              <option value="">{st("admin.noDepartment")}</option>
              <For each={DEPARTMENTS}>{(d) => <option value={d}>{deptLabel(d)}</option>}</For>
            </select>
          </label>
        </div>
        <fieldset class="specialties">
          <legend>{st("admin.specialties")}</legend>
          <For each={services.state === "ready" ? services() : []}>
            {(s) => (
              <label class="inline">
                <input
                  type="checkbox"
                  checked={specialties().has(s.code)}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setSpecialties((prev) => {
                      const next = new Set(prev);
                      if (checked) next.add(s.code);
                      else next.delete(s.code);
                      return next;
                    });
                  }}
                />
                {tx(s.name)}
              </label>
            )}
          </For>
        </fieldset>
        <StaffErrorBox
          error={error()}
          labels={{
            "name.ar": st("admin.nameAr"),
            "name.en": st("admin.nameEn"),
            email: st("admin.email"),
            role: st("admin.role"),
            governorateCode: st("admin.branch"),
            departmentKind: st("admin.department"),
          }}
        />
        <button type="submit" disabled={busy()}>
          {busy() ? st("action.busy") : st("admin.createSubmit")}
        </button>
      </form>
    </details>
  );
}

function Holidays() {
  const [holidays, { refetch }] = createResource(listHolidays);
  const [date, setDate] = createSignal("");
  const [nameAr, setNameAr] = createSignal("");
  const [nameEn, setNameEn] = createSignal("");
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      await refetch();
    } catch (err) {
      setError(staffError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="holidays-heading">
      <h3 id="holidays-heading">{st("holidays.heading")}</h3>
      <p class="muted">{st("holidays.intro")}</p>
      <Show
        when={(holidays() ?? []).length > 0}
        fallback={<p class="muted">{holidays.loading ? st("common.loading") : st("holidays.none")}</p>}
      >
        <ul class="holiday-list">
          <For each={holidays() ?? []}>
            {(h) => (
              <li>
                <time datetime={h.date} dir="ltr">
                  {h.date}
                </time>{" "}
                <span>{tx(h.name)}</span>{" "}
                <button
                  type="button"
                  class="link"
                  disabled={busy()}
                  aria-label={st("holidays.removeFor", { name: tx(h.name) })}
                  onClick={() => void run(() => removeHoliday(h.date))}
                >
                  {st("holidays.remove")}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await addHoliday({ date: date(), name: { ar: nameAr().trim(), en: nameEn().trim() } });
            setDate("");
            setNameAr("");
            setNameEn("");
          });
        }}
        novalidate
      >
        <label>
          {st("holidays.date")}
          <input type="date" required value={date()} onInput={(e) => setDate(e.currentTarget.value)} />
        </label>
        <label>
          {st("holidays.nameAr")}
          <input dir="rtl" lang="ar" required value={nameAr()} onInput={(e) => setNameAr(e.currentTarget.value)} />
        </label>
        <label>
          {st("holidays.nameEn")}
          <input dir="ltr" lang="en" required value={nameEn()} onInput={(e) => setNameEn(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy()}>
          {st("holidays.add")}
        </button>
      </form>
      <StaffErrorBox
        error={error()}
        labels={{ date: st("holidays.date"), "name.ar": st("holidays.nameAr"), "name.en": st("holidays.nameEn") }}
      />
    </section>
  );
}

/** Accounts (create, unlock, new credentials), kiosks and their agents, notifications that did not go out, and the public holidays the response targets skip. */
export function AdminView() {
  const [staff, { refetch }] = createResource(listStaff);
  const [shown, setShown] = createSignal<{ name: string; credentials: Credentials } | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [busyId, setBusyId] = createSignal<string | null>(null);
  const locked = (m: StaffMember) => m.lockedUntil !== null && Date.parse(m.lockedUntil) > Date.now();

  async function run(member: StaffMember, work: () => Promise<void>) {
    setBusyId(member.id);
    setError(null);
    setNotice(null);
    try {
      await work();
      await refetch();
    } catch (err) {
      setError(staffError(err));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section class="panel wide" aria-labelledby="admin-heading">
      <h2 id="admin-heading">{st("admin.heading")}</h2>
      <Show when={shown()}>
        {(s) => <CredentialsPanel name={s().name} credentials={s().credentials} onDismiss={() => setShown(null)} />}
      </Show>
      <CreateStaffForm
        onCreated={(name, credentials) => {
          setShown({ name, credentials });
          void refetch();
        }}
      />
      <h3>{st("admin.staff")}</h3>
      <Show when={notice()}>
        <p class="ok" role="status">
          {notice()}
        </p>
      </Show>
      <StaffErrorBox error={error() ?? (staff.error ? staffError(staff.error) : null)} />
      <div class="table-wrap">
        <table class="staff-table">
          <caption class="visually-hidden">{st("admin.staff")}</caption>
          <thead>
            <tr>
              <th scope="col">{st("admin.name")}</th>
              <th scope="col">{st("admin.email")}</th>
              <th scope="col">{st("admin.role")}</th>
              <th scope="col">{st("admin.branch")}</th>
              <th scope="col">{st("admin.department")}</th>
              <th scope="col">{st("admin.openCases")}</th>
              <th scope="col">{st("admin.state")}</th>
              <th scope="col">{st("admin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={staff() ?? []}>
              {(m) => (
                <tr classList={{ locked: locked(m) }}>
                  <th scope="row">{tx(m.name)}</th>
                  <td>
                    <bdi dir="ltr">{m.email}</bdi>
                  </td>
                  <td>{roleLabel(m.role)}</td>
                  <td>{t(`gov.${m.governorateCode}`)}</td>
                  <td>{deptLabel(m.departmentKind)}</td>
                  <td>{num(m.openCaseCount)}</td>
                  <td>
                    <Show when={locked(m)} fallback={m.active ? st("admin.active") : st("admin.inactive")}>
                      <span class="badge overdue">{st("admin.lockedUntil", { time: kuwaitTime(m.lockedUntil ?? "") })}</span>
                    </Show>
                  </td>
                  <td class="row-actions">
                    <Show when={locked(m)}>
                      <button
                        type="button"
                        class="secondary"
                        disabled={busyId() === m.id}
                        aria-label={st("admin.unlockFor", { name: tx(m.name) })}
                        onClick={() =>
                          void run(m, async () => {
                            await unlockStaff(m.id);
                            setNotice(st("admin.unlocked", { name: tx(m.name) }));
                          })
                        }
                      >
                        {st("admin.unlock")}
                      </button>
                    </Show>
                    <button
                      type="button"
                      class="secondary"
                      disabled={busyId() === m.id}
                      aria-label={st("admin.resetFor", { name: tx(m.name) })}
                      onClick={() => {
                        if (!window.confirm(st("admin.resetConfirm", { name: tx(m.name) }))) return;
                        void run(m, async () => {
                          setShown({ name: tx(m.name), credentials: await resetCredentials(m.id) });
                        });
                      }}
                    >
                      {st("admin.reset")}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      {/* The tab is for administrators only, but the address can be typed: others get no section that would only be refused. */}
      <Show when={isAdministrator()}>
        <Suspense fallback={<p class="muted">{st("common.loading")}</p>}>
          <KioskAdmin />
        </Suspense>
        <FailedDeliveries />
      </Show>
      <Holidays />
    </section>
  );
}
