import { createSignal } from "solid-js";

export interface AppConfig {
  tileUrl: string | null;
  tileAttribution: string | null;
  reopenWindowDays: number;
}

const [appConfig, setAppConfig] = createSignal<AppConfig | null>(null);
export { appConfig };

let configLoading: Promise<void> | null = null;

/** The deployment's settings for the web app; without them the map draws the area outlines only. */
export function loadAppConfig(): Promise<void> {
  configLoading ??= fetch("/app-config.json")
    .then(async (response) => {
      if (!response.ok) throw new Error(`app-config: HTTP ${response.status}`);
      const c = (await response.json()) as Partial<AppConfig>;
      setAppConfig({
        tileUrl: typeof c.tileUrl === "string" && c.tileUrl ? c.tileUrl : null,
        tileAttribution: typeof c.tileAttribution === "string" ? c.tileAttribution : null,
        reopenWindowDays: typeof c.reopenWindowDays === "number" ? c.reopenWindowDays : 0,
      });
    })
    .catch(() => {
      configLoading = null;
    });
  return configLoading;
}
