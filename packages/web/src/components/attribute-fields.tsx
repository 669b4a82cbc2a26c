import { For, Match, Show, Switch } from "solid-js";
import type { ServiceAttribute } from "@baladiya/shared/service";
import { t, tx } from "../i18n";

export type AttributeValues = Record<string, string | string[]>;

/** datetime-local has no zone; what a resident types is Kuwait time. */
const toKuwaitIso = (local: string) => (local ? `${local}:00+03:00` : "");

export function AttributeFields(props: {
  attributes: ServiceAttribute[];
  values: AttributeValues;
  onChange: (code: string, value: string | string[]) => void;
}) {
  const sorted = () => [...props.attributes].sort((a, b) => a.order - b.order);
  const single = (code: string) => {
    const v = props.values[code];
    return typeof v === "string" ? v : "";
  };
  const many = (code: string) => {
    const v = props.values[code];
    return Array.isArray(v) ? v : [];
  };
  return (
    <Show when={props.attributes.length > 0}>
      <fieldset>
        <legend>{t("attributes.legend")}</legend>
        <For each={sorted()}>
          {(attr) => {
            const id = `attr-${attr.code}`;
            const set = (e: { currentTarget: { value: string } }) => props.onChange(attr.code, e.currentTarget.value);
            const label = () => (
              <>
                {tx(attr.description)}
                <Show when={attr.required}>
                  {" "}
                  <span class="required" title={t("common.required")}>
                    *
                  </span>
                </Show>
              </>
            );
            return (
              <Switch
                fallback={
                  <label for={id}>
                    {label()}
                    <input id={id} maxLength={500} required={attr.required} value={single(attr.code)} onInput={set} />
                  </label>
                }
              >
                <Match when={attr.datatype === "singlevaluelist"}>
                  <label for={id}>
                    {label()}
                    <select id={id} required={attr.required} value={single(attr.code)} onChange={set}>
                      <option value="">{t("attributes.choose")}</option>
                      <For each={attr.values}>{(v) => <option value={v.key}>{tx(v.name)}</option>}</For>
                    </select>
                  </label>
                </Match>
                <Match when={attr.datatype === "multivaluelist"}>
                  <div role="group" aria-label={tx(attr.description)}>
                    <p class="label">{label()}</p>
                    <For each={attr.values}>
                      {(v) => (
                        <label class="inline">
                          <input
                            type="checkbox"
                            checked={many(attr.code).includes(v.key)}
                            onChange={(e) =>
                              props.onChange(
                                attr.code,
                                e.currentTarget.checked
                                  ? [...many(attr.code), v.key]
                                  : many(attr.code).filter((k) => k !== v.key),
                              )
                            }
                          />
                          {tx(v.name)}
                        </label>
                      )}
                    </For>
                  </div>
                </Match>
                <Match when={attr.datatype === "number"}>
                  <label for={id}>
                    {label()}
                    <input
                      id={id}
                      type="number"
                      inputmode="decimal"
                      dir="ltr"
                      required={attr.required}
                      value={single(attr.code)}
                      onInput={set}
                    />
                  </label>
                </Match>
                <Match when={attr.datatype === "datetime"}>
                  <label for={id}>
                    {label()}
                    <input
                      id={id}
                      type="datetime-local"
                      required={attr.required}
                      value={single(attr.code).slice(0, 16)}
                      onChange={(e) => props.onChange(attr.code, toKuwaitIso(e.currentTarget.value))}
                    />
                  </label>
                </Match>
                <Match when={attr.datatype === "text"}>
                  <label for={id}>
                    {label()}
                    <textarea id={id} rows={3} maxLength={500} required={attr.required} value={single(attr.code)} onInput={set} />
                  </label>
                </Match>
              </Switch>
            );
          }}
        </For>
      </fieldset>
    </Show>
  );
}
