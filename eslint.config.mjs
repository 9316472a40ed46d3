// ESLint 9 flat config: `npm run lint` (eslint src test), part of .ci/run.
// Rule sets: @eslint/js recommended, typescript-eslint recommended (type-aware), react-hooks for the
// task pane, Microsoft's eslint-plugin-office-addins rules, and the layer table of the engineering
// guide §1 as no-restricted-imports per folder (test/architecture.test.ts checks the same table).
import { builtinModules } from "node:module";
import { defineConfig } from "eslint/config";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import officeAddins from "eslint-plugin-office-addins";

// ---------------------------------------------------------------------------------------------
// Layer table (engineering guide §1). Specifiers are relative paths or package names; a regex per
// target keeps the rule independent of how deep the importing file sits.
const folder = (path) => `^\\.{1,2}/(?:.+/)?${path}(?:/.*)?$`;
const TARGETS = {
  core: folder("core"),
  worksheets: folder("worksheets"),
  "writers/xlsx": folder("(?:writers/)?xlsx"),
  "writers/office": folder("(?:writers/)?office"),
  functions: folder("functions"),
  taskpane: folder("taskpane"),
  cli: folder("cli"),
  commands: folder("commands"),
  test: folder("test"),
  node: `^(?:node:.*|(?:${builtinModules.filter((m) => !m.startsWith("_")).join("|")})(?:/.*)?)$`,
  exceljs: "^exceljs(?:/.*)?$",
  react: "^(?:react|react-dom)(?:/.*)?$",
  fluentui: "^@fluentui/",
  mathjs: "^mathjs(?:/.*)?$",
  "#mathjs-instance": "^#mathjs-instance$",
};

/** Forbidden static imports per layer; a dynamic import() is not checked by no-restricted-imports. */
const NEVER = {
  core: ["worksheets", "writers/xlsx", "writers/office", "functions", "taskpane", "cli", "commands", "node", "exceljs", "react", "fluentui"],
  worksheets: ["writers/xlsx", "writers/office", "functions", "taskpane", "cli", "commands", "node", "exceljs", "react", "fluentui", "mathjs", "#mathjs-instance"],
  "writers/xlsx": ["writers/office", "functions", "taskpane", "cli", "commands", "node", "react", "fluentui", "mathjs", "#mathjs-instance"],
  "writers/office": ["writers/xlsx", "functions", "taskpane", "cli", "commands", "node", "exceljs", "react", "fluentui", "mathjs", "#mathjs-instance"],
  functions: ["worksheets", "writers/xlsx", "writers/office", "taskpane", "cli", "commands", "node", "exceljs", "react", "fluentui", "mathjs", "#mathjs-instance"],
  // writers/xlsx (and so ExcelJS) only through import() for the browser download path
  taskpane: ["writers/xlsx", "cli", "commands", "node", "exceljs", "mathjs", "#mathjs-instance"],
  cli: ["writers/office", "taskpane", "functions", "commands", "react", "fluentui", "mathjs", "#mathjs-instance"],
  commands: ["writers/xlsx", "taskpane", "cli", "node", "exceljs", "react", "fluentui", "mathjs", "#mathjs-instance"],
};

const MESSAGES = {
  test: "src/ never imports from test/ (only its own *.test.ts files do).",
  mathjs: "mathjs only through core's one instance (#mathjs-instance, used by core/units.ts).",
  "#mathjs-instance": "the mathjs instance is used by core/units.ts only.",
};

function layerRule(layer, never) {
  return [
    "error",
    {
      patterns: [...never, "test"].map((t) => ({
        regex: TARGETS[t],
        message: MESSAGES[t] ?? `engineering guide §1: ${layer} never imports ${t}${t === "writers/xlsx" && layer === "taskpane" ? " statically (use import())" : ""}.`,
        // types load nothing: units.ts takes mathjs's Unit type beside the instance
        ...(t === "mathjs" ? { allowTypeImports: true } : {}),
      })),
    },
  ];
}

const layers = Object.entries(NEVER).map(([layer, never]) => ({
  name: `layers/${layer}`,
  files: [`src/${layer}/**/*.{ts,tsx}`],
  ignores: ["**/*.test.{ts,tsx}"],
  rules: { "no-restricted-imports": layerRule(layer, never) },
}));

// mathjs only through core's one instance module, and that module only from core/units.ts.
const coreMathjs = [
  {
    name: "layers/core/mathjs",
    files: ["src/core/**/*.ts"],
    ignores: ["**/*.test.ts", "src/core/mathjs-instance*.ts", "src/core/units.ts"],
    rules: { "no-restricted-imports": layerRule("core", [...NEVER.core, "mathjs", "#mathjs-instance"]) },
  },
  {
    name: "layers/core/units",
    files: ["src/core/units.ts"],
    rules: { "no-restricted-imports": layerRule("core", [...NEVER.core, "mathjs"]) },
  },
];

// ---------------------------------------------------------------------------------------------
// eslint-plugin-office-addins: its shipped configs hand ESLint `parser: undefined` (it reads
// `.default` of @typescript-eslint/parser's CommonJS export), so espree with ecmaVersion 2015
// parses and every TypeScript file is a parse error; and their globs skip .tsx. Its rules work
// with the TypeScript parser: all eight are enabled here, on the Office.js code only (ExcelJS has
// getCell/getWorksheet too, which these name-based rules take for Office proxies). They see a proxy
// only where a get*() call is assigned directly to a variable, and a sync only as `context.sync()`
// (not `ctx.sync()` nor `this.context.sync()`): name the request context `context` where it is used.
const officeRules = {
  "office-addins/no-context-sync-in-loop": "error",
  "office-addins/no-office-initialize": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/call-sync-after-load": "error",
  "office-addins/no-empty-load": "error",
  "office-addins/no-navigational-load": "error",
  "office-addins/test-for-null-using-isNullObject": "error",
};

export default defineConfig(
  { ignores: ["dist/**", "out/**", "coverage/**", "test-artifacts/**", ".tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    name: "project/typescript",
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // the code's conventions: `_` marks an argument a signature requires, a rest sibling drops a key
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // off: an async function without await is how a Promise-returning interface is implemented here (a throw becomes a rejection)
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    name: "project/office-addins",
    files: ["src/taskpane/**/*.{ts,tsx}", "src/writers/office/**/*.ts", "src/commands/**/*.ts", "test/taskpane/**/*.{ts,tsx}", "test/e2e/**/*.ts"],
    // not test/fakes: it is the Office.js fake itself, and its tests call the context `ctx` and probe misuse on purpose (a write after load)
    plugins: { "office-addins": officeAddins },
    rules: officeRules,
  },
  {
    name: "project/react-hooks",
    files: ["src/taskpane/**/*.{ts,tsx}", "test/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  ...layers,
  ...coreMathjs,
);
