/** English (en-US) strings of the task pane. Every language file has exactly these keys. */
export const enUS = {
  appTitle: "CP Audit for Excel",
  appSubtitle: "Cleaner-production audit worksheets",
  language: "Language",
  langZh: "中文 (简体)",
  langEn: "English",
  terminology: "Terms",
  terminology2016: "2016 Measures (审核)",
  terminology2001: "2001 handbook (审计)",
  tabWorksheets: "Worksheets",
  tabSettings: "Audit & parameters",
  tabCalculator: "Quick calculator",

  // host
  outsideExcelTitle: "Not running inside Excel",
  outsideExcelBody:
    "This page was opened in a browser, not in Excel. You can still download the worksheets as an .xlsx workbook; to write them into an open workbook, open the add-in from Excel (Home ▸ CP Audit).",

  // navigator
  phasesLabel: "Audit phases",
  phaseLabel: (no: number, name: string) => `Phase ${no} · ${name}`,
  worksheetCount: (built: number, all: number) => `${built} of ${all} worksheets available`,
  insert: "Insert",
  insertAll: "Insert all",
  insertSheetLabel: (name: string) => `Insert ${name}`,
  insertAllLabel: (phase: string) => `Insert all worksheets of ${phase}`,
  download: "Download",
  downloadSheetLabel: (name: string) => `Download ${name} (.xlsx)`,
  downloadPhase: "Download workbook (.xlsx)",
  downloadPhaseLabel: (phase: string) => `Download workbook (.xlsx) of ${phase}`,
  choose: (name: string) => `Choose ${name}`,
  chosen: (n: number) => (n === 1 ? "1 worksheet chosen" : `${n} worksheets chosen`),
  insertChosen: "Insert chosen",
  downloadChosen: "Download chosen (.xlsx)",
  clearChosen: "Clear choice",
  comingSoon: "Coming soon",
  nothingBuilt: "No worksheet of this phase is available yet.",

  // progress & results
  writing: "Writing to the workbook…",
  writingSheet: (done: number, total: number, sheet: string) => `Written ${done} of ${total}: ${sheet}`,
  building: "Building the workbook…",
  insertedTitle: "Done",
  inserted: (created: string[], refreshed: string[]) =>
    [
      created.length ? `Added: ${created.join(", ")}.` : "",
      refreshed.length ? `Refreshed (your entries kept): ${refreshed.join(", ")}.` : "",
    ]
      .filter(Boolean)
      .join(" ") || "Nothing to do.",
  downloaded: (file: string) => `Saved ${file}. Open it in Excel; it calculates without the add-in.`,
  dismiss: "Dismiss",
  retryRemaining: (n: number) => (n === 1 ? "Retry the remaining sheet" : `Retry the remaining ${n} sheets`),
  statusLabel: "Status",

  // conflicts
  conflictTitle: "A worksheet of that name already exists",
  conflictForeign: (names: string[]) =>
    `The workbook already has ${names.map((n) => `'${n}'`).join(", ")}, not written by this add-in. It will not be touched.`,
  conflictOurs: (names: string[]) =>
    `${names.map((n) => `'${n}'`).join(", ")} ${names.length === 1 ? "was" : "were"} inserted earlier by this add-in.`,
  conflictAddNew: "Add as new sheets (… (2))",
  conflictRefresh: "Refresh template, keep my entries",
  cancel: "Cancel",
  cancelled: "Nothing was written.",

  // errors
  errorTitle: "Something went wrong",
  errorWrite: (msg: string) =>
    `${msg} Sheets finished before the failure stay in the workbook. Check that no cell is being edited (press Esc), that the workbook is not read-only, then try again.`,
  errorProtected: (msg: string) =>
    `${msg} A sheet is protected with a password. Unprotect it (Review ▸ Unprotect Sheet) and try again.`,
  errorRead: (msg: string) => `Could not read the parameters from the workbook: ${msg} You can still enter them here.`,
  errorSave: (msg: string) => `Could not save the parameters: ${msg} Check that the workbook is editable and try again.`,
  errorDownload: (msg: string) => `Could not build the .xlsx file: ${msg} Reload the page and try again.`,
  errorFormula: (msg: string) => `Could not insert the formula: ${msg} Select a single cell that is not locked and try again.`,
  errorInvalid: "Correct the highlighted fields first.",

  // errors chosen by the Office error's code
  errorNotFound: (msg: string) =>
    `${msg} A sheet, table or name the add-in needed was deleted or renamed while it was writing. Sheets finished before the failure stay in the workbook; try again.`,
  errorInvalidArgument: (msg: string) =>
    `${msg} Excel refused a value the add-in sent (InvalidArgument). Sheets finished before the failure stay in the workbook. Please report this with the worksheets you inserted.`,
  errorTooLarge: (msg: string) =>
    `${msg} The request was too large for Excel on the web. Insert fewer worksheets at a time, or use Excel for Windows or Mac.`,
  errorCellEdit: "Excel is editing a cell. Press Enter or Esc, then try again.",
  errorInactiveWorkbook: (written: string[], remaining: number | null) =>
    `Another workbook became active while the sheets were being written, so Excel stopped the insert. ${
      written.length ? `Already written: ${written.join(", ")}. ` : ""
    }Switch back to this workbook, then ${
      remaining ? `retry the remaining ${remaining === 1 ? "sheet" : `${remaining} sheets`} below.` : "insert again: sheets already written are refreshed, the others added."
    }`,
  errorExists: (msg: string) => `${msg} Something of that name was added to the workbook meanwhile. Try again.`,
  errorLayout: (problems: string[]) =>
    `The worksheet no longer has the template's layout, so nothing was written: ${problems.join("; ")}. Restore the table (its name, position and column headers), or insert the worksheet as a new sheet.`,
  layoutMissing: (table: string, sheet: string) => `table ${table} is missing on '${sheet}' (renamed, converted to a range or deleted)`,
  layoutElsewhere: (table: string, sheet: string, other: string) => `table ${table} of '${sheet}' is now on '${other}'`,
  layoutMoved: (table: string, sheet: string, expected: string, actual: string) =>
    `table ${table} on '${sheet}' starts at ${actual} instead of ${expected} (rows or columns were inserted above or left of it)`,
  layoutColumns: (table: string, sheet: string, expected: string, actual: string) =>
    `the column headers of ${table} on '${sheet}' are ${actual} instead of ${expected}`,
  layoutTaken: (table: string, sheet: string, other: string) =>
    `'${sheet}' would need the table name ${table}, which '${other}' already uses; refresh '${other}' instead of adding a copy`,
  langFollowed: (lang: string) =>
    `This workbook's worksheets are in ${lang}, so the new ones were added in ${lang} too (a table's column names are part of every formula that uses it).`,
  unprotectedNotice: (names: string[]) =>
    `Protection was removed from ${names.map((n) => `'${n}'`).join(", ")}; turn on "Protect inserted sheets for hand-over" to protect them.`,

  // hand-over
  protectSwitch: "Protect inserted sheets for hand-over",
  protectHint:
    "Locks formulas; input cells stay editable. Protected tables cannot grow: rows typed below a table are not added to it. Leave this off while the audit is in progress.",

  // first step
  firstStepTitle: "Step 1: audit header and parameters",
  firstStepBody: "This workbook has no parameters yet. Enter the enterprise, discount rate, tax rate and depreciation years first: every worksheet uses them.",
  firstStepBrowser: "Enter the enterprise and the parameters first: every worksheet uses them.",
  firstStepAction: "Open Audit & parameters",
  loading: "Loading…",

  // settings
  headerSection: "Audit header (shown on every worksheet)",
  enterprise: "Enterprise",
  auditRound: "Audit round",
  preparedBy: "Prepared by",
  checkedBy: "Checked by",
  date: "Date",
  parametersSection: "Parameters (used by every formula)",
  discountRate: "Discount rate i (%)",
  taxRate: "Tax rate t (%)",
  depreciationYears: "Depreciation years Y",
  evaluationYears: "Evaluation years n",
  benchmarkRate: "Benchmark rate i_b (%)",
  balanceTolerance: "Balance tolerance (%)",
  paybackQuota: "Payback quota (years)",
  auditYear: "Audit year (Y0)",
  defaultHint: (v: string) => `Blank = ${v}`,
  sameAsY: "same as Y",
  sameAsI: "same as i",
  sameAsN: "same as n",
  saveSettings: "Save to workbook",
  reloadSettings: "Reload from workbook",
  settingsStored: "Kept in the workbook itself (the Parameters sheet and the CP_* names), so they travel with the file.",
  settingsLoaded: "Parameters read from this workbook.",
  settingsNone: "This workbook has no parameters sheet yet; it is created when you save or insert a worksheet.",
  settingsSaved: "Parameters saved to the workbook.",
  settingsBrowser: "Outside Excel these values go into the downloaded workbook.",
  invalidNumber: "Enter a number.",
  invalidRange: (min: string, max: string) => `Enter a value from ${min} to ${max}.`,
  invalidWhole: "Enter a whole number of years, 1 or more.",

  // calculator
  calcIntro: "For meetings: the economics of one option at once.",
  calcInvestment: "Investment I (10k CNY)",
  calcSavings: "Annual savings P (10k CNY/a)",
  calcTax: "Tax rate t (%)",
  calcRate: "Discount rate i (%)",
  calcYears: "Depreciation years Y",
  calcResults: "Results",
  resD: "Depreciation D",
  resF: "Annual cash flow F",
  resN: "Payback N (years)",
  resNPV: "NPV",
  resNPVR: "NPVR",
  resIRR: "IRR",
  notRecovered: "not recovered",
  noIrr: "no IRR",
  calcFill: "Enter I, P, t, i and Y to see the results.",
  formulaKind: "Formula to insert",
  insertFormula: "Insert as formula",
  insertFormulaHint: "Writes the CP.* formula into the selected cell.",
  formulaCells: (n: number) =>
    n === 1 ? "Fills the selected cell." : `Fills ${n} cells in a row: the selected cell and the ${n - 1} to its right.`,
  formulaOverwriteTitle: "Overwrite cells?",
  formulaOverwrite: (address: string, filled: number, cells: number) =>
    `${filled} of the ${cells} ${cells === 1 ? "cell" : "cells"} the formula fills (${address}) ${filled === 1 ? "is" : "are"} not empty. Overwrite ${filled === 1 ? "it" : "them"}?`,
  overwrite: "Overwrite",
  insertFormulaBrowser: "Available inside Excel.",
  formulaInserted: (address: string) => `Formula written to ${address}.`,
  formulaEconomics: "CP.ECONOMICS (D, T, E, F, N, NPV, NPVR, IRR in a row)",
  formulaNpv: "CP.NPV",
  formulaNpvr: "CP.NPVR",
  formulaIrr: "CP.IRR",
  formulaPayback: "CP.PAYBACK",
  formulaCashflow: "CP.CASHFLOW",
  unitWan: "10k CNY",

  // audit report (issue 13)
  reportTitle: "Audit report",
  reportIntro: "The audit report (.docx) of this workbook: the chapters of the audit, every worksheet's tables and the key figures recalculated, with placeholders for the text you write.",
  reportIntroBrowser: "The audit report (.docx) of the workbook this page downloads: the chapters of the audit, every worksheet's tables and the key figures, with placeholders for the text you write.",
  reportButton: "Create the audit report",
  reportDoneTitle: "Report created",
  reportDone: (file: string) => `Saved ${file}. Open it in Word or WPS and fill in the highlighted placeholders.`,
  errorReport: (msg: string) => `Could not create the report: ${msg}`,

  // option library (issue 11)
  libraryTitle: "Option library",
  libraryIntro:
    "Typical cleaner-production options of 17 industries: tick them and append them to the options register (IDs continue its numbering; nothing in it is overwritten).",
  libraryOpen: "Open the option library",
  libraryIndustry: "Industry",
  libraryIndustryNone: "Choose an industry…",
  libraryConfidence: (level: string) =>
    `confidence ${({ high: "high", "medium-high": "medium-high", medium: "medium", "medium-low": "medium-low", "low-medium": "low-medium" } as Record<string, string>)[level] ?? level}`,
  libraryOptionsLabel: (industry: string) => `Typical options: ${industry}`,
  librarySelectAll: "Select all",
  libraryPicked: (n: number, all: number) => `${n} of ${all} picked`,
  libraryAppend: "Append to the register",
  libraryNeedsExcel: "Appending to the options register needs Excel: open the add-in from Excel. Here you can browse the library only.",
  noRegisterTitle: "No options register in this workbook",
  noRegisterBody: "The workbook has no options register (table tblOptions). Insert the register (WS4-1) first, then append the picked options again.",
  insertRegister: "Insert the register",
  optionsAppended: (ids: string[]) => `Appended ${ids.length === 1 ? "1 option" : `${ids.length} options`} to the register: ${ids.join(", ")}.`,
};

export type Strings = typeof enUS;
