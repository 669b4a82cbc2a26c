import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { KIOSK_SERVICE_LABELS, KIOSK_SERVICES, PRESENCE_LABELS, type KioskService } from "@baladiya/shared/kiosk-protocol";
import type { AppError } from "../../app-error";
import { GOVERNORATES } from "../../components/filters";
import { asciiDigits } from "../../digits";
import { kuwaitTime, t, tx, type MessageKey } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { listStaff, type StaffMember } from "../queries";
import { st } from "../i18n-staff";
import { staffError } from "../staff-error";
import { kt } from "./i18n-kiosk";
import {
  listAgents,
  listKiosks,
  registerKiosk,
  revokeKiosk,
  setAgentSkills,
  type AgentListItem,
  type KioskDeviceView,
} from "./queries";
import "./kiosk.css";

const gov = (code: string) => t(`gov.${code}` as MessageKey);

/** The device key, shown once right after registering, with a copy button. */
function DeviceKeyPanel(props: { name: string; deviceKey: string; onDismiss: () => void }) {
  const [copied, setCopied] = createSignal<string | null>(null);
  return (
    <div class="panel success device-key" role="status">
      <h4>{kt("admin.keyHeading", { name: props.name })}</h4>
      <p class="warning">{kt("admin.keyOnce")}</p>
      <p>
        <code dir="ltr" class="wrap" data-device-key>
          {props.deviceKey}
        </code>
      </p>
      <div class="row-actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(props.deviceKey).then(
              () => setCopied(kt("admin.copied")),
              () => setCopied(kt("admin.copyFailed")),
            )
          }
        >
          {kt("admin.copy")}
        </button>
        <button type="button" class="secondary" onClick={() => props.onDismiss()}>
          {kt("admin.dismiss")}
        </button>
      </div>
      <Show when={copied()}>
        <p class="ok">{copied()}</p>
      </Show>
    </div>
  );
}

function RegisterKioskForm(props: { onRegistered: (name: string, key: string) => void }) {
  const [nameAr, setNameAr] = createSignal("");
  const [nameEn, setNameEn] = createSignal("");
  const [placeAr, setPlaceAr] = createSignal("");
  const [placeEn, setPlaceEn] = createSignal("");
  const [governorate, setGovernorate] = createSignal<GovernorateCode>("KW-KU");
  const [lat, setLat] = createSignal("");
  const [lng, setLng] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const done = await registerKiosk({
        name: { ar: nameAr().trim(), en: nameEn().trim() },
        place: { ar: placeAr().trim(), en: placeEn().trim() },
        governorateCode: governorate(),
        location: { lat: Number(asciiDigits(lat()).trim()), lng: Number(asciiDigits(lng()).trim()) },
      });
      props.onRegistered(tx(done.kiosk.name), done.deviceKey);
      for (const set of [setNameAr, setNameEn, setPlaceAr, setPlaceEn, setLat, setLng]) set("");
    } catch (err) {
      setError(staffError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="side-form">
      <summary>{kt("admin.register")}</summary>
      <form onSubmit={(e) => void submit(e)} novalidate>
        <div class="row">
          <label>
            {kt("admin.nameAr")}
            <input dir="rtl" lang="ar" required value={nameAr()} onInput={(e) => setNameAr(e.currentTarget.value)} />
          </label>
          <label>
            {kt("admin.nameEn")}
            <input dir="ltr" lang="en" required value={nameEn()} onInput={(e) => setNameEn(e.currentTarget.value)} />
          </label>
        </div>
        <div class="row">
          <label>
            {kt("admin.placeAr")}
            <input dir="rtl" lang="ar" required value={placeAr()} onInput={(e) => setPlaceAr(e.currentTarget.value)} />
          </label>
          <label>
            {kt("admin.placeEn")}
            <input dir="ltr" lang="en" required value={placeEn()} onInput={(e) => setPlaceEn(e.currentTarget.value)} />
          </label>
        </div>
        <div class="row">
          <label>
            {kt("admin.governorate")}
            <select value={governorate()} onChange={(e) => setGovernorate(e.currentTarget.value as GovernorateCode)}>
              <For each={GOVERNORATES}>{(g) => <option value={g}>{gov(g)}</option>}</For>
            </select>
          </label>
          <label>
            {kt("admin.lat")}
            <input dir="ltr" inputMode="decimal" required value={lat()} onInput={(e) => setLat(e.currentTarget.value)} />
          </label>
          <label>
            {kt("admin.lng")}
            <input dir="ltr" inputMode="decimal" required value={lng()} onInput={(e) => setLng(e.currentTarget.value)} />
          </label>
        </div>
        <StaffErrorBox
          error={error()}
          labels={{
            "name.ar": kt("admin.nameAr"),
            "name.en": kt("admin.nameEn"),
            "place.ar": kt("admin.placeAr"),
            "place.en": kt("admin.placeEn"),
            governorateCode: kt("admin.governorate"),
            "location.lat": kt("admin.lat"),
            "location.lng": kt("admin.lng"),
            lat: kt("admin.lat"),
            lng: kt("admin.lng"),
          }}
        />
        <button type="submit" disabled={busy()}>
          {busy() ? st("action.busy") : kt("admin.registerSubmit")}
        </button>
      </form>
    </details>
  );
}

/** One employee's kiosk skills, ticked and saved. */
function AgentRow(props: { member: StaffMember; agent: AgentListItem | undefined; onSaved: (a: AgentListItem) => void }) {
  const [skills, setSkills] = createSignal<ReadonlySet<KioskService>>(new Set(props.agent?.skills ?? []));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [saved, setSaved] = createSignal(false);
  const name = () => tx(props.member.name);
  const changed = () => {
    const before = new Set(props.agent?.skills ?? []);
    return before.size !== skills().size || [...skills()].some((s) => !before.has(s));
  };

  async function save() {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      props.onSaved(
        await setAgentSkills(
          props.member.id,
          KIOSK_SERVICES.filter((s) => skills().has(s)),
        ),
      );
      setSaved(true);
    } catch (e) {
      setError(staffError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr data-staff-id={props.member.id}>
      <th scope="row">{name()}</th>
      <td>{gov(props.member.governorateCode)}</td>
      <td>
        <Show when={props.agent && props.agent.skills.length > 0} fallback={<span class="muted">{kt("admin.notAgent")}</span>}>
          {tx(PRESENCE_LABELS[props.agent!.presence])}
          <Show when={props.agent!.inCall}>
            {" "}
            <span class="badge open">{kt("presence.inCall")}</span>
          </Show>
        </Show>
      </td>
      <td>
        <div class="skill-ticks">
          <For each={KIOSK_SERVICES}>
            {(s) => (
              <label class="inline">
                <input
                  type="checkbox"
                  value={s}
                  checked={skills().has(s)}
                  aria-label={kt("admin.skillFor", { skill: tx(KIOSK_SERVICE_LABELS[s]), name: name() })}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setSaved(false);
                    setSkills((prev) => {
                      const next = new Set(prev);
                      if (on) next.add(s);
                      else next.delete(s);
                      return next;
                    });
                  }}
                />
                {tx(KIOSK_SERVICE_LABELS[s])}
              </label>
            )}
          </For>
        </div>
        <StaffErrorBox error={error()} />
      </td>
      <td class="row-actions">
        <button
          type="button"
          class="secondary"
          disabled={busy() || !changed()}
          aria-label={kt("admin.saveFor", { name: name() })}
          onClick={() => void save()}
        >
          {kt("admin.save")}
        </button>
        <Show when={saved()}>
          <span class="ok" role="status">
            {kt("admin.saved", { name: name() })}
          </span>
        </Show>
      </td>
    </tr>
  );
}

/** Administrators: register kiosks (the device key shown once), revoke them, and choose their agents' skills. */
export function KioskAdmin() {
  const [kiosks, { refetch: refetchKiosks }] = createResource(listKiosks);
  const [staff] = createResource(listStaff);
  const [agents, { mutate: mutateAgents }] = createResource(listAgents);
  const [shown, setShown] = createSignal<{ name: string; key: string } | null>(null);
  const [note, setNote] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [busyId, setBusyId] = createSignal<string | null>(null);
  const agentOf = createMemo(() => new Map((agents() ?? []).map((a) => [a.staffId, a])));
  const members = createMemo(() => (staff() ?? []).filter((m) => m.active));

  async function revoke(k: KioskDeviceView) {
    if (!window.confirm(kt("admin.revokeConfirm", { name: tx(k.name) }))) return;
    setBusyId(k.id);
    setError(null);
    setNote(null);
    try {
      await revokeKiosk(k.id);
      setNote(kt("admin.revokedNote", { name: tx(k.name) }));
      await refetchKiosks();
    } catch (e) {
      setError(staffError(e));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section id="kiosks" class="kiosk-admin" aria-labelledby="kiosk-admin-heading">
      <h3 id="kiosk-admin-heading">{kt("admin.heading")}</h3>
      <p class="muted">{kt("admin.intro")}</p>
      <Show when={shown()}>{(s) => <DeviceKeyPanel name={s().name} deviceKey={s().key} onDismiss={() => setShown(null)} />}</Show>
      <RegisterKioskForm
        onRegistered={(name, key) => {
          setShown({ name, key });
          void refetchKiosks();
        }}
      />
      <h4>{kt("admin.kiosks")}</h4>
      <Show when={note()}>
        <p class="ok" role="status">
          {note()}
        </p>
      </Show>
      <StaffErrorBox error={error() ?? (kiosks.error ? staffError(kiosks.error) : null)} />
      <Show
        when={(kiosks() ?? []).length > 0}
        fallback={<p class="muted">{kiosks.loading ? st("common.loading") : kt("admin.noKiosks")}</p>}
      >
        <div class="table-wrap">
          <table class="staff-table kiosk-table">
            <caption class="visually-hidden">{kt("admin.kiosks")}</caption>
            <thead>
              <tr>
                <th scope="col">{kt("admin.col.name")}</th>
                <th scope="col">{kt("admin.col.place")}</th>
                <th scope="col">{kt("admin.col.governorate")}</th>
                <th scope="col">{kt("admin.col.lastSeen")}</th>
                <th scope="col">{kt("admin.col.state")}</th>
                <th scope="col">{kt("admin.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={kiosks() ?? []}>
                {(k) => (
                  <tr data-kiosk-id={k.id} classList={{ locked: !k.active }}>
                    <th scope="row">{tx(k.name)}</th>
                    <td>{tx(k.place)}</td>
                    <td>{gov(k.governorateCode)}</td>
                    <td>
                      <Show when={k.lastSeenAt} fallback={kt("admin.never")}>
                        {(at) => <time datetime={at()}>{kuwaitTime(at())}</time>}
                      </Show>
                    </td>
                    <td>
                      <span class={`badge ${k.active ? "open" : "overdue"}`}>
                        {k.active ? kt("admin.active") : kt("admin.revoked")}
                      </span>
                    </td>
                    <td class="row-actions">
                      <Show when={k.active}>
                        <button
                          type="button"
                          class="secondary"
                          disabled={busyId() === k.id}
                          aria-label={kt("admin.revokeFor", { name: tx(k.name) })}
                          onClick={() => void revoke(k)}
                        >
                          {kt("admin.revoke")}
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>

      <h4>{kt("admin.agents")}</h4>
      <p class="muted">{kt("admin.agentsIntro")}</p>
      <StaffErrorBox error={agents.error ? staffError(agents.error) : null} />
      <Show when={agents.state === "ready" && staff.state === "ready"} fallback={<p class="muted">{st("common.loading")}</p>}>
        <div class="table-wrap">
          <table class="staff-table agent-table">
            <caption class="visually-hidden">{kt("admin.agents")}</caption>
            <thead>
              <tr>
                <th scope="col">{kt("admin.col.staff")}</th>
                <th scope="col">{kt("admin.col.branch")}</th>
                <th scope="col">{kt("admin.col.presence")}</th>
                <th scope="col">{kt("admin.col.skills")}</th>
                <th scope="col">{kt("admin.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={members()}>
                {(m) => (
                  <AgentRow
                    member={m}
                    agent={agentOf().get(m.id)}
                    onSaved={(a) =>
                      mutateAgents((list) => [
                        ...(list ?? []).filter((x) => x.staffId !== a.staffId),
                        ...(a.skills.length > 0 ? [a] : []),
                      ])
                    }
                  />
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
