import type { CallResult } from "@baladiya/shared/kiosk-protocol";
import { k } from "../i18n-kiosk";

/** The tracking page's address without its #t= token: the token is on the printed QR code, not for onlookers. */
const shownAddress = (url: string) => {
  const u = new URL(url, location.href);
  return `${u.host}${u.pathname}`;
};

/** Chromium's PDF viewer without its side panel: the receipt alone, at the frame's width. */
const viewerUrl = (url: string) => (url.includes("#") ? url : `${url}#toolbar=0&navpanes=0&view=FitH`);

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
        <strong dir="ltr">{props.result.ref}</strong>
      </p>
      <iframe
        ref={frame}
        class="receipt"
        src={viewerUrl(props.result.receiptUrl)}
        title={`${k("result.receipt")} ${props.result.ref}`}
      />
      <button type="button" class="primary" onClick={print}>
        {k("result.print")}
      </button>
      <p class="track">
        {k("result.track")} <bdi dir="ltr">{shownAddress(props.result.trackUrl)}</bdi>
      </p>
    </article>
  );
}
