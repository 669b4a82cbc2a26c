import { createMemo, createSignal, For, Show } from "solid-js";
import type { Service } from "../queries";
import { t, tx } from "../i18n";

/** Folds the spellings people type interchangeably: hamza forms, taa marbuta, alef maqsura, diacritics. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0640]/g, "")
    .replace(/[أإآ]/g, "ا")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .trim();
}

const haystack = (s: Service): string =>
  normalize([s.name.ar, s.name.en, s.description.ar, s.description.en, s.group.ar, s.group.en, ...s.keywords].join(" "));

export function ServicePicker(props: { services: Service[]; value: string | null; onChange: (code: string) => void }) {
  const [query, setQuery] = createSignal("");
  const groups = createMemo(() => {
    const words = normalize(query()).split(/\s+/).filter(Boolean);
    const byGroup = new Map<string, { label: Service["group"]; services: Service[] }>();
    for (const service of props.services) {
      const text = haystack(service);
      if (!words.every((w) => text.includes(w))) continue;
      const group = byGroup.get(service.group.en) ?? { label: service.group, services: [] };
      group.services.push(service);
      byGroup.set(service.group.en, group);
    }
    return [...byGroup.values()];
  });
  return (
    <fieldset>
      <legend>
        {t("service.legend")} <span class="required">*</span>
      </legend>
      <input
        type="search"
        placeholder={t("service.search")}
        aria-label={t("service.search")}
        value={query()}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <div class="service-list">
        <For each={groups()} fallback={<p class="muted">{t("service.none")}</p>}>
          {(group) => (
            <div role="radiogroup" aria-label={tx(group.label)}>
              <h3>{tx(group.label)}</h3>
              <For each={group.services}>
                {(service) => (
                  <label class="choice" classList={{ selected: props.value === service.code }}>
                    <input
                      type="radio"
                      name="service"
                      value={service.code}
                      checked={props.value === service.code}
                      onChange={() => props.onChange(service.code)}
                    />
                    <span>
                      {tx(service.name)}
                      <Show when={tx(service.description)}>
                        <small class="muted">{tx(service.description)}</small>
                      </Show>
                    </span>
                  </label>
                )}
              </For>
            </div>
          )}
        </For>
      </div>
    </fieldset>
  );
}
