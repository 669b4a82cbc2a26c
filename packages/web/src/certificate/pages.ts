// The certificate section's pages, loaded as one chunk when a resident first opens one: the report
// form's first download stays without them.
import "./certificate.css";

export { ApplyView } from "./apply-view";
export { CertificatesHome } from "./certificates-home";
export { CertificateTrackView } from "./track-view";
export { VerifyView } from "./verify-view";
