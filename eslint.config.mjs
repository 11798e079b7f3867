import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "lib/db/generated/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Import direction (ARCHITECTURE.md): app → components → lib, and inside lib
    // the use cases of a domain never reach into an adapter (the HTTP layer,
    // the OpenAPI description): adapters call use cases, not the reverse.
    // tests/unit/import-boundaries.test.ts proves each zone reports.
    files: ["app/**", "components/**", "lib/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib",
              from: ["./app", "./components"],
              message: "lib is the bottom layer: it never imports app/ or components/.",
            },
            {
              target: "./components",
              from: "./app",
              message: "components render what pages give them: they never import app/.",
            },
            {
              target: ["./lib/!(http|openapi|fhir)/**", "./lib/*.ts"],
              from: ["./lib/http", "./lib/openapi", "./lib/fhir"],
              message:
                "Use cases and shared foundations never import an adapter (lib/http, lib/openapi, lib/fhir); the adapter calls the use case.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next/navigation", "next/cache", "next/server"],
              message:
                "Next's navigation and caching belong to the adapters in app/ (e.g. app/[locale]/_console); lib returns values and throws AppError.",
            },
          ],
        },
      ],
    },
  },
  {
    // No literal UI text in components: every string comes from messages/<locale>.json.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        {
          noStrings: true,
          ignoreProps: true,
          allowedStrings: ["·", "—", "–", "→", "←", "/", ":", "(", ")", "120"],
        },
      ],
    },
  },
]);
