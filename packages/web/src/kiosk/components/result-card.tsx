import type { CallResult } from "@baladiya/shared/kiosk-protocol";
import { k, kdigits } from "../i18n-kiosk";

/** A filed case or application: its number, the receipt PDF (printed from its frame) and where to follow it. */
export function ResultCard(props: { result: CallResult }) {
  let frame: HTMLIFrameElement | undefined;
  const print = () => {
    try {
      frame?.contentWindow?.focus();
      frame?.contentWindow?.print();
    } catch {
      window.print();
    }
  };
  return (
    <article class="result" data-result-ref={props.result.ref}>
      <h2>{k("result.heading")}</h2>
      <p class="result-ref">
        <span>{props.result.kind === "case" ? k("result.case") : k("result.certificate")}</span>
        <strong dir="ltr">{kdigits(props.result.ref)}</strong>
      </p>
      <iframe ref={frame} class="receipt" src={props.result.receiptUrl} title={`${k("result.receipt")} ${props.result.ref}`} />
      <button type="button" class="primary" onClick={print}>
        {k("result.print")}
      </button>
      <p class="track">
        {k("result.track")} <bdi dir="ltr">{new URL(props.result.trackUrl, location.href).href}</bdi>
      </p>
    </article>
  );
}
