/**
 * Form text ↔ settings. The accepted ranges are those of the parameters sheet's own data
 * validations (PARAMETER_ROWS), so the pane refuses what the sheet would refuse.
 */
import { describe, expect, it } from "vitest";
import { STRINGS } from "./i18n";
import { DEFAULT_SETTINGS, caseFromSettings, serialToIsoDate } from "./settings";
import { changedFields, draftFromSettings, mergeSettings, percentText, settingsFromDraft } from "./settings-draft";

const t = STRINGS["en-US"];

describe("settings draft", () => {
  it("shows rates as per cent without float noise and reads them back as decimals", () => {
    expect(percentText(0.07)).toBe("7");
    expect(percentText(0.125)).toBe("12.5");
    const s = { ...DEFAULT_SETTINGS, parameters: { discountRate: 0.07, taxRate: 0.25, depreciationYears: 10, balanceTolerance: 0.05 } };
    const d = draftFromSettings(s);
    expect(d.discountRate).toBe("7");
    expect(d.evaluationYears).toBe("");
    const back = settingsFromDraft(d, t);
    expect(back).toEqual({ ok: true, settings: s });
  });

  it("refuses what the parameters sheet refuses", () => {
    const d = draftFromSettings(DEFAULT_SETTINGS);
    const bad = settingsFromDraft({ ...d, taxRate: "120", evaluationYears: "2.5", depreciationYears: "x", discountRate: "-100" }, t);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.taxRate).toBe("Enter a value from 0 % to 99.99 %.");
    expect(bad.errors.evaluationYears).toBe(t.invalidWhole);
    expect(bad.errors.depreciationYears).toBe(t.invalidNumber);
    expect(bad.errors.discountRate).toBe("Enter a value from -99 % to 1000 %.");
  });
});

describe("caseFromSettings", () => {
  it("is a blank case holding only the header and the given parameters", () => {
    const c = caseFromSettings({
      header: { enterprise: "某电厂", auditRound: "", preparedBy: "张工", checkedBy: "", date: "2024-05-01" },
      parameters: { discountRate: 0.12 },
    });
    expect(c).toEqual({ meta: { title: "某电厂", enterprise: "某电厂", preparedBy: "张工", date: "2024-05-01" }, parameters: { discountRate: 0.12 } });
  });
  it("date serials: 45413 is 2024-05-01 in Excel's 1900 system", () => {
    expect(serialToIsoDate(45413)).toBe("2024-05-01");
    expect(serialToIsoDate(61)).toBe("1900-03-01");
  });
});

describe("changedFields / mergeSettings (save only what the user changed)", () => {
  const read = {
    header: { enterprise: "某电厂", auditRound: "", preparedBy: "张工", checkedBy: "", date: "" },
    parameters: { discountRate: 0.12, taxRate: 0.25, evaluationYears: 10 },
  };
  it("lists the fields whose text the user changed (spaces ignored)", () => {
    const before = draftFromSettings(read);
    expect(changedFields(before, { ...before, enterprise: " 某电厂 " })).toEqual([]);
    expect(changedFields(before, { ...before, checkedBy: "李工", discountRate: "8", evaluationYears: "" })).toEqual(["checkedBy", "discountRate", "evaluationYears"]);
  });
  it("takes the changed fields from the form and everything else from the workbook as re-read", () => {
    // the workbook now holds 8 % (typed into the sheet) and tax 30 %; the form changed the checker and cleared n
    const now = { header: { ...read.header }, parameters: { discountRate: 0.08, taxRate: 0.3, evaluationYears: 10 } };
    const form = { header: { ...read.header, checkedBy: "李工" }, parameters: { discountRate: 0.12, taxRate: 0.25 } };
    expect(mergeSettings(now, form, ["checkedBy", "evaluationYears"])).toEqual({
      header: { ...read.header, checkedBy: "李工" },
      parameters: { discountRate: 0.08, taxRate: 0.3 },
    });
  });
});
