import { Show } from "solid-js";

/** A field's problem, right under it; the field points at it with aria-describedby. */
export function FieldError(props: { id: string; message: string | null }) {
  return (
    <Show when={props.message}>
      <p id={props.id} class="field-error">
        {props.message}
      </p>
    </Show>
  );
}

/** The attributes that tie a field to its FieldError. */
export const invalidProps = (id: string, message: string | null) => ({
  "aria-invalid": message ? ("true" as const) : undefined,
  "aria-describedby": message ? id : undefined,
});
