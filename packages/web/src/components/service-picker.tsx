import { createMemo, createSignal, For, Show } from "solid-js";
import { t, tx } from "../i18n";
import type { Service } from "../queries";

/** Line icons (24 px grid) for the catalogue's `icon` names; an unknown name gets a neutral mark. */
const ICONS: Record<string, string> = {
  trash: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6",
  sofa: "M4 11V8a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v3M2 12a2 2 0 0 1 4 0v2h12v-2a2 2 0 0 1 4 0v5H2zM5 17v2M19 17v2",
  rubble: "M3 20h18M4 20l3-6 3 2 2-5 3 4 3-1 2 6M9 8l2-3 2 2",
  car: "M3 16v-4l2-5h14l2 5v4zM3 16v2h3v-2M18 16v2h3v-2M5 12h14M7 14h.01M17 14h.01",
  tree: "M12 21v-6M12 3a5 5 0 0 0-5 5 4 4 0 0 0-2 7h14a4 4 0 0 0-2-7 5 5 0 0 0-5-5z",
  sand: "M2 18c3-4 6-6 10-6s7 2 10 6M2 13c2-2 4-3 6-3M14 7c2 0 4 1 6 3M17 4h.01M7 5h.01",
  water: "M12 3s6 7 6 11a6 6 0 0 1-12 0c0-4 6-11 6-11zM9 15a3 3 0 0 0 3 3",
  animal: "M4 15c0-3 3-5 7-5h4l3-3 2 2-2 3v3c0 2-1 3-3 3H7a3 3 0 0 1-3-3zM7 18v2M15 18v2M4 15l-2 1",
  paw: "M12 13c-3 0-5 3-5 5 0 1.5 1.5 2 2.5 2s1.5-.5 2.5-.5 1.5.5 2.5.5 2.5-.5 2.5-2c0-2-2-5-5-5zM6 11h.01M10 7h.01M14 7h.01M18 11h.01",
  cart: "M3 4h2l2 11h11l2-8H6M9 20h.01M17 20h.01",
  billboard: "M3 4h18v10H3zM8 14v7M16 14v7M7 8h10M7 11h6",
  shop: "M3 9l2-5h14l2 5zM3 9v2a3 3 0 0 0 6 0 3 3 0 0 0 6 0 3 3 0 0 0 6 0V9M5 13v7h14v-7M10 20v-5h4v5",
  house: "M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6",
  fence: "M5 21V7l2-3 2 3v14M10 21V7l2-3 2 3v14M15 21V7l2-3 2 3v14M3 11h18M3 17h18",
  crane: "M7 21V4h2v17M4 21h8M9 5h12l-3 3M18 8v5M17 13h2v2h-2zM9 5l4-2",
};
const FALLBACK = "M12 7v6M12 17h.01M3 12a9 9 0 1 0 18 0 9 9 0 1 0-18 0";

export function ServiceIcon(props: { name: string }) {
  return (
    <svg class="service-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
      <path d={ICONS[props.name] ?? FALLBACK} />
    </svg>
  );
}

/**
 * Folds the spellings people type interchangeably: case, Arabic diacritics and tatweel, hamza
 * forms, taa marbuta, alef maqsura, and Arabic-Indic digits.
 */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0670\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ؤ/g, "و")
    .replace(/ئ/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .trim();
}

/** A typed word, without what makes it miss: the Arabic article ("الحاوية") or an English plural ("bins"). */
function stem(word: string): string {
  if (/^(ال|بال|وال)/.test(word) && word.length > 4) return word.replace(/^(ال|بال|وال)/, "");
  if (/^[a-z]{4,}s$/.test(word)) return word.slice(0, -1);
  return word;
}

const haystack = (s: Service): string =>
  normalize([s.code, s.name.ar, s.name.en, s.description.ar, s.description.en, s.group.ar, s.group.en, ...s.keywords].join(" "));

export function ServicePicker(props: {
  services: Service[];
  value: string | null;
  onChange: (code: string) => void;
  /** Why the choice cannot be sent (none made, or the service is gone), in the resident's language. */
  error?: string | undefined;
}) {
  const [query, setQuery] = createSignal("");
  const texts = createMemo(() => new Map(props.services.map((s) => [s.code, haystack(s)])));
  const groups = createMemo(() => {
    const words = normalize(query()).split(/\s+/).filter(Boolean).map(stem);
    const byGroup = new Map<string, { label: Service["group"]; services: Service[] }>();
    for (const service of props.services) {
      const text = texts().get(service.code) ?? "";
      // The chosen service stays visible whatever is typed, so the choice is never hidden.
      if (service.code !== props.value && !words.every((w) => text.includes(w))) continue;
      const group = byGroup.get(service.group.en) ?? { label: service.group, services: [] };
      group.services.push(service);
      byGroup.set(service.group.en, group);
    }
    return [...byGroup.values()];
  });
  return (
    <fieldset
      class="services"
      aria-invalid={props.error ? "true" : undefined}
      aria-describedby={props.error ? "service-error" : undefined}
    >
      <legend>
        {t("service.legend")} <span class="required">*</span>
      </legend>
      <input
        type="search"
        placeholder={t("service.search")}
        aria-label={t("service.search")}
        aria-controls="service-list"
        value={query()}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <div class="service-list" id="service-list">
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
                    <ServiceIcon name={service.icon} />
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
      <Show when={props.error}>
        <p id="service-error" class="field-error" role="alert">
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}
