import { createResource, createRoot } from "solid-js";
import { locale } from "../../i18n";
import { createApiClient } from "../../trpc-client";
import { isAdministrator, staffSession, staffToken } from "../session";

/*
 * Whether the signed-in employee serves kiosks (`staff.kiosk.me()` not null), asked once per
 * sign-in. Kept out of the console's chunk: the staff app's tabs need it before the section loads.
 */
const trpc = createApiClient(staffToken);

const agent = createRoot(() => {
  const [resource, { mutate }] = createResource(
    () => staffSession()?.token ?? null,
    () =>
      trpc.staff.kiosk.me.query().then(
        (me) => me !== null,
        () => false,
      ),
  );
  return { resource, mutate };
});

export const isKioskAgent = (): boolean => Boolean(agent.resource());
/** The Kiosk tab: kiosk agents answer calls there, administrators see who serves kiosks. */
export const showsKiosk = (): boolean => isAdministrator() || isKioskAgent();
/** The console tells the tab when an administrator's change made this employee an agent or not. */
export const noteAgent = (isAgent: boolean): void => {
  if (isAgent !== isKioskAgent()) agent.mutate(isAgent);
};

/** The tab's name, here rather than in the section's catalogue, which loads only with the section. */
export const kioskTabLabel = (): string => (locale() === "ar" ? "الأكشاك" : "Kiosks");
