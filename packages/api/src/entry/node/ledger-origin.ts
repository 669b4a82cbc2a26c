/** The origin line of the ledger's checkpoints unless LEDGER_ORIGIN says otherwise. */
export const DEFAULT_LEDGER_ORIGIN = "baladiya.gov.kw/ledger";
