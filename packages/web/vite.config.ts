import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const API = "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [solid()],
  build: { outDir: "dist", target: "es2022" },
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
    },
  },
});
