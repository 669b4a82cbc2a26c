// ESLint flat config (ESLint 9 + typescript-eslint 8), type-aware via the TypeScript project service:
// each file is checked against the nearest tsconfig.json (packages/*/tsconfig.json, tests/tsconfig.json).
import { builtinModules } from "node:module";
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const TS_FILES = [
  "packages/*/src/**/*.ts",
  "packages/*/src/**/*.tsx",
  "packages/sdk/examples/**/*.ts",
  "packages/sdk/examples/**/*.tsx",
  "tests/**/*.ts",
];

/** Code that must run unchanged on Node, Cloudflare Workers and in the browser. */
const PORTABLE_FILES = [
  "packages/api/src/domain/**",
  "packages/api/src/ports/**",
  "packages/api/src/trpc/**",
  "packages/api/src/http/**",
  "packages/shared/**",
];
const DOMAIN_FILES = ["packages/api/src/domain/**"];

const runtimeImportPatterns = [
  { regex: "^node:", message: "Runtime-specific: Node built-ins belong in packages/api/src/adapters or packages/api/src/entry." },
  {
    regex: `^(${builtinModules.filter((m) => !m.startsWith("_")).join("|")})(/.*)?$`,
    message: "Runtime-specific: Node built-ins belong in packages/api/src/adapters or packages/api/src/entry.",
  },
  {
    regex: "^cloudflare:",
    message: "Runtime-specific: Workers modules belong in packages/api/src/adapters or packages/api/src/entry.",
  },
];
const domainLayerPatterns = [
  { regex: "(^|/)adapters(/|$)", message: "The domain depends on ports only; adapters are wired in packages/api/src/entry." },
  { regex: "(^|/)entry(/|$)", message: "The domain must not depend on an entry point." },
];
// A later config object replaces (does not merge) a rule's options, so the domain gets one combined list.
const restrictedImports = (patterns) => ["error", { patterns }];

/** Node globals for the plain-JS tooling files (scripts/*.mjs, this file); `globals` is not a dependency. */
const nodeGlobals = Object.fromEntries(
  [
    "process",
    "console",
    "Buffer",
    "URL",
    "URLSearchParams",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "queueMicrotask",
    "structuredClone",
    "fetch",
    "AbortController",
    "TextEncoder",
    "TextDecoder",
  ].map((name) => [name, "readonly"]),
);

export default defineConfig(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/data/**",
      ".tools/**",
      "**/migrations/**",
      "coverage/**",
      ".bench/**",
      "**/.tmp/**",
      "**/.tmp-*",
    ],
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: nodeGlobals },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // The service worker runs in the browser, not in Node.
    files: ["packages/web/public/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: Object.fromEntries(
        ["self", "caches", "fetch", "Response", "Request", "URL", "console"].map((name) => [name, "readonly"]),
      ),
    },
  },
  {
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Async functions without await are common for interface implementations (ports) and tRPC resolvers.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Solid event handlers may be async: onClick={async () => ...}
    files: ["packages/web/src/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    // Architecture: portable layers import no runtime modules and read no process environment.
    files: PORTABLE_FILES,
    rules: {
      "no-restricted-imports": restrictedImports(runtimeImportPatterns),
      "no-restricted-globals": [
        "error",
        { name: "process", message: "Runtime-specific: read configuration in packages/api/src/entry and pass it in." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "globalThis", property: "process", message: "Runtime-specific: read configuration in packages/api/src/entry." },
      ],
    },
  },
  {
    files: DOMAIN_FILES,
    rules: {
      "no-restricted-imports": restrictedImports([...runtimeImportPatterns, ...domainLayerPatterns]),
    },
  },
);
