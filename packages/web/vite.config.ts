import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const API = "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [
    solid(),
    {
      // The dev server's page fallback is index.html; /field and /kiosk paths get their own pages.
      name: "field-page",
      configureServer(server) {
        server.middlewares.use((req, _res, next) => {
          const own = /^\/(field|kiosk)(\/|\?|$)/.exec(req.url ?? "")?.[1];
          if (own) req.url = `/${own}.html`;
          next();
        });
      },
    },
  ],
  // The field inspector's app (/field) is its own page: it works offline from its own cached shell.
  build: {
    outDir: "dist",
    target: "es2022",
    rolldownOptions: { input: { main: "index.html", field: "field.html", kiosk: "kiosk.html" } },
  },
  server: {
    proxy: {
      "/trpc": API,
      "/media": API,
      "/open311": API,
      "/geo": API,
      "/app-config.json": API,
      "/live": API,
      "/ledger": API,
      "/staff/dashboard.csv": API,
      "/certificates/documents": API,
      "/certificates/pdf": API,
      "/kiosk/files": API,
      "/kiosk/ws": { target: API.replace(/^http/, "ws"), ws: true },
    },
  },
});
