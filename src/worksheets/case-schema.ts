/**
 * The case file's shape, described once (../shared/cases/README.md "Case file format").
 *
 * One zod schema gives:
 * - the TypeScript types of the file ({@link CaseFile}; case.ts derives AuditCase and its parts from it),
 * - the structural validation of `validateCase` (types, required fields, ranges, id text), each
 *   problem with its JSON path and the message of {@link caseIssues},
 * - the published JSON Schema `schemas/case.schema.json` for editors ({@link caseJsonSchema},
 *   written by `npm run schema`).
 *
 * What a schema cannot say stays in case.ts: the rules across fields and entries (discountRate when
 * economics is present, unique ids, optionId names an option, one score per factor, units of the
 * balance basis's kind, sheet extents), the normalisation of enumerations and the warnings.
 *
 * `null` where a field is optional is read as absent (validateCase drops it before this schema
 * sees the file); the published schema lists the documented form only. Unknown fields are ignored
 * (stripped from the validated value), and any object may carry `"illustrative": true`.
 *
 * zod/mini (zod v4's functional API): the same checks as the classic API in a third of the bundle.
 * The schema is built on first use, so a bundle that only reads case.ts's types or
 * `resolveParameters` (the task pane's insert chunk) does not contain zod.
 */
import * as z from "zod/mini";
import { DEFAULT_BALANCE_TOLERANCE, MAX_YEARS } from "../core";
import { ANNUAL_CLASSES, ASPECTS, BENCH_DIRECTIONS, BETTER, COST_CLASSES, ENV_COST_ITEMS, FACTOR_CATEGORIES, FUNDING_SOURCES, GRID_REGIONS, HIGH_COST_ITEMS, OPTION_SOURCES, SCREENING_CRITERIA, STATUSES, TEAM_GROUPS, TEAM_ROLES, WALK_AREAS, WASTE_CATEGORIES, YES_NO_NA, PLAN_CATEGORIES, type Item } from "./i18n";

/** Case-file keys of the 8 aspects (spec §5.1), in the order of i18n's ASPECTS. */
export const ASPECT_KEYS = ["materials", "technology", "equipment", "control", "product", "waste", "management", "employees"] as const;

/** Reading columns (cycles 1..k) of the measurement sheet (WS3-3). */
export const MEASUREMENT_CYCLES = 6;

/** A value as the messages name it: `"6%"`, `an array`, `null`, `12`. */
export function got(x: unknown): string {
  if (x === null) return "null";
  if (x === undefined) return "nothing";
  if (Array.isArray(x)) return "an array";
  if (typeof x === "object") return "an object";
  if (typeof x === "string") return JSON.stringify(x);
  if (typeof x === "number" || typeof x === "boolean" || typeof x === "bigint") return String(x);
  return typeof x; // a function or a symbol: never in parsed JSON
}

/** What an error function of zod receives (the fields used here). */
interface RawIssue {
  input?: unknown;
  path?: PropertyKey[];
}

/** Message of a wrong type: `expected a number (hint), got "6%"`, or `missing` when the field is absent. */
const wrongType =
  (what: string, missing: string) =>
  (iss: RawIssue): string =>
    iss.input === undefined && typeof iss.path?.at(-1) !== "number" ? missing : `expected ${what}, got ${got(iss.input)}`;

/** Message of a value out of range: `${rule}, got ${value}`. */
const outOfRange =
  (rule: string) =>
  (iss: RawIssue): string =>
    `${rule}, got ${String(iss.input)}`;

/**
 * `schema` with its description (and other JSON Schema keywords) for the published schema, kept in
 * zod's metadata registry: no check runs for it when a case is validated.
 */
function doc<T extends z.core.$ZodType>(schema: T, meta: string | z.core.GlobalMeta): T {
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), ...(typeof meta === "string" ? { description: meta } : meta) });
  return schema;
}

/** Spellings accepted for an enumeration, for the descriptions: `无费 (No-cost)`. */
const spellings = (items: readonly Item[]) => items.map((it) => `${it.zh} (${it.en})`).join(", ");

/** A text. Required: present and not blank. */
function text(description: string, required = false) {
  const s = z.string({ error: wrongType("a text", "required text is missing") });
  return doc(required ? s.check(z.regex(/\S/, { error: "required text is empty", abort: true })) : s, description);
}

/** A unit text ("t/a"); its meaning is checked against core's audit units in case.ts. */
function unitText(description: string, emptyMessage = "required text is empty") {
  return doc(z.string({ error: wrongType("a text", "required text is missing") }).check(z.regex(/\S/, { error: emptyMessage, abort: true })), {
    description,
    examples: ["t/a", "t/d", "kg/h", "m3/d", "kWh/a", "tce/a"],
  });
}

/**
 * Issue 12 (helper E): the environmental effects of the implemented options (表6-2 no/low-cost,
 * 表6-4 medium/high-cost), one entry per option × effect item in physical units, and the
 * qualitative impacts of 表6-9.
 */
function phase6EffectsShape() {
  const amount = (what: string) => z.optional(num("≥ 0, in the item's unit", `${what}, in the item's unit of the coefficient table (kWh/a, t/a …), ≥ 0.`, z.gte(0, { error: outOfRange("must be ≥ 0") })));
  const id = (cls: string) => optionId(`Id of an implemented ${cls} option; must name an \`options[].id\` exactly (required).`);
  const item = () =>
    text("Effect item (比较项目): an item of the coefficient table, in either language — 电力 (Electricity), 新水 (Fresh water), COD, 氨氮 (NH3-N), SO2, NOx, VOCs, 颗粒物 (Particulates), 一般固废 (Solid waste), 危险废物 (Hazardous waste), or an energy carrier (原煤, 天然气, 蒸汽 …) (required).", true);
  const computed = (sheet: string, extra: string) => `One effect item of an implemented option (${sheet}): the sheet computes 削减量 = 实施前 − 实施后, 削减率, ${extra}节能量 tce/a and 减碳量 tCO2/a from the coefficient table.`;
  const lowEffect = object(
    { optionId: id("no/low-cost"), item: item(), before: amount("Annual amount before implementation (实施前)"), after: amount("Annual amount after implementation (实施后)") },
    computed("表6-2", ""),
  );
  const highEffect = object(
    {
      optionId: id("medium/high-cost"),
      item: item(),
      before: amount("Annual amount before implementation (实施前)"),
      design: amount("Design value after implementation (设计值)"),
      after: amount("Annual amount after implementation, actual (实施后)"),
    },
    computed("表6-4", "达成率 = (实施前 − 实施后)/(实施前 − 设计值), "),
  );
  const note = object(
    {
      topic: text("Aspect of the impact (方面), e.g. 管理与员工, 产品质量, 企业形象 (required).", true),
      description: z.optional(text("The impact (影响与成效).")),
      remark: z.optional(text("Remark (备注).")),
    },
    "One qualitative impact of the implemented options on the enterprise (表6-9).",
  );
  return {
    lowCostEffects: z.optional(list(lowEffect, "Environmental effects of the implemented no/low-cost options (表6-2 已实施的无/低费方案环境效果对比一览表), one entry per option × item.")),
    highCostEffects: z.optional(list(highEffect, "Environmental effects of the implemented medium/high-cost options (表6-4 已实施的中/高费方案环境效果对比一览表), one entry per option × item.")),
    performanceNotes: z.optional(list(note, "Qualitative impacts on the enterprise (表6-9 方案实施对企业的影响: 管理与员工 …).")),
  };
}

/** A finite number; `hint` (e.g. "decimal, e.g. 0.06") names the expected form in the messages. */
function num(hint: string, description: string, ...checks: z.core.$ZodCheck<number>[]) {
  const what = hint ? `a number (${hint})` : "a number";
  const n = z.number({ error: wrongType(what, `required ${what} is missing`) });
  return doc(checks.length > 0 ? n.check(...checks) : n, description);
}

/** `schema` documented with the default that applies when the field is absent (resolveParameters applies it). */
const withDefault = <T extends z.core.$ZodType>(value: unknown, schema: T): T => doc(schema, { default: value });

/** A whole number of years from 1 to {@link MAX_YEARS}. */
function wholeYears(description: string) {
  const rule = `must be a whole number of years from 1 to ${MAX_YEARS}`;
  const n = z
    .int({ error: (iss: RawIssue) => (typeof iss.input === "number" && Number.isFinite(iss.input) ? `${rule}, got ${iss.input}` : wrongType("a number (years, e.g. 10)", "required a number (years, e.g. 10) is missing")(iss)) })
    .check(z.minimum(1, { error: outOfRange(rule) }), z.maximum(MAX_YEARS, { error: outOfRange(rule) }));
  return doc(n, description);
}

/** A list ([...]). */
function list<T extends z.core.SomeType>(item: T, description: string, ...checks: z.core.$ZodCheck<unknown[]>[]) {
  const a = z.array(item, { error: wrongType("a list ([...])", "required list is missing") });
  return doc(checks.length > 0 ? a.check(...checks) : a, description);
}

/** An object (unknown fields are stripped). */
function object<S extends z.core.$ZodLooseShape>(shape: S, description: string, missing = "required object is missing") {
  return doc(z.object(shape, { error: wrongType("an object", missing) }), description);
}

/**
 * An option id as the sheets look it up: not blank, no `*`, `?` or `~` (wildcards of MATCH and
 * COUNTIF in Excel and LibreOffice), no leading or trailing space (invisible in a cell).
 */
function optionId(description: string) {
  const id = z.string({ error: wrongType("a text", "required text is missing") }).check(
    z.regex(/\S/, { error: "required text is empty", abort: true }),
    z.regex(/^[^*?~]*$/, {
      error: (iss: RawIssue) => {
        const id = String(iss.input);
        const wild = [...new Set(id.match(/[*?~]/g) ?? [])];
        return `${JSON.stringify(id)} contains ${wild.map((w) => `"${w}"`).join(", ")}: * ? ~ are wildcards in Excel's lookups, so an option id must not use them`;
      },
    }),
    z.regex(/^(?:\S(?:[\s\S]*\S)?)?$/, {
      error: (iss: RawIssue) => {
        const id = String(iss.input);
        return `${JSON.stringify(id)} has a leading or trailing space: write the id without it (${JSON.stringify(id.trim())})`;
      },
    }),
  );
  return doc(id, description);
}

/** A calendar date as text `YYYY-MM-DD` (a real day). */
function isoDate(description: string) {
  const d = z.string({ error: wrongType('a date text "YYYY-MM-DD"', 'required date "YYYY-MM-DD" is missing') }).check(
    z.refine((v) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!m) return false;
      const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return t.getUTCFullYear() === Number(m[1]) && t.getUTCMonth() === Number(m[2]) - 1 && t.getUTCDate() === Number(m[3]) && Number(m[1]) >= 1900;
    }, { error: (iss: RawIssue) => `expected a date "YYYY-MM-DD" (a real day, year ≥ 1900), got ${got(iss.input)}` }),
  );
  return doc(d, { description, examples: ["2024-03-01"] });
}

/** 是/否 as text in either language, or true/false. */
function yesNo(description: string) {
  return doc(z.union([z.string(), z.boolean()], { error: wrongType("是/否 (or true/false)", "required 是/否 is missing") }), { description, examples: ["是", "否"] });
}

/** A whole number ≥ 0. */
function count(description: string) {
  return doc(
    z.int({ error: wrongType("a whole number ≥ 0", "required whole number is missing") }).check(z.gte(0, { error: outOfRange("must be a whole number ≥ 0") })),
    description,
  );
}

/** A year (1900–2100). */
function year(description: string) {
  const rule = "must be a year from 1900 to 2100";
  return doc(
    z.int({ error: wrongType("a year (e.g. 2015)", "required year is missing") }).check(z.gte(1900, { error: outOfRange(rule) }), z.lte(2100, { error: outOfRange(rule) })),
    description,
  );
}

/**
 * The optional sections of issue 10 part A (phase 1–3 plain worksheets): WS1-1 team, WS1-2 plan,
 * WS2-1 profile, WS2-2 staff, WS2-5 equipment, WS2-7 facilities and envCosts, WS2-9 / WS3-5 causes,
 * WS2-13 walkthrough, WS3-1 dataInventory. cases/README.md documents them.
 */
function phase13Shape() {
  const opt = <T extends z.core.SomeType>(x: T) => z.optional(x);
  const nonNeg = (hint: string, description: string) => num(hint, description, z.gte(0, { error: outOfRange("must be ≥ 0") }));
  const member = object(
    {
      name: text("Name. 姓名 (required).", true),
      role: opt(text(`Role in the team (审核小组职务): ${spellings(TEAM_ROLES)}.`)),
      group: opt(text(`Group (小组): ${spellings(TEAM_GROUPS)}.`)),
      department: opt(text("Department, job title, professional title. 来自部门及职务、职称.")),
      discipline: opt(text("Discipline. 专业.")),
      duties: opt(text("Duties in the audit. 职责.")),
      time: opt(text('Time to be committed, as text (e.g. "全程", "20%"). 应投入的时间.')),
    },
    "One audit-team member (审核小组成员).",
  );
  const stage = object(
    {
      stage: text("Stage (阶段), e.g. 筹划和组织 / 审核准备 (required).", true),
      work: opt(text("Work content. 工作内容.")),
      plannedStart: opt(isoDate("Planned start. 计划开始.")),
      plannedEnd: opt(isoDate("Planned completion. 计划完成.")),
      actualStart: opt(isoDate("Actual start. 实际开始.")),
      actualEnd: opt(isoDate("Actual completion. 实际完成.")),
      responsible: opt(text("Responsible department and person. 责任部门及负责人.")),
      checker: opt(text("Checking department and person. 考核部门及人员.")),
      output: opt(text("Deliverable. 产出.")),
    },
    "One stage of the audit work plan (审核工作计划).",
  );
  const profile = object(
    {
      sector: opt(text("所属行业.")),
      type: opt(text("企业类型.")),
      legalRepresentative: opt(text("法人代表.")),
      address: opt(text("地址及邮政编码.")),
      phone: opt(text("电话/传真.")),
      contact: opt(text("联系人.")),
      founded: opt(text("成立年份 (text, e.g. \"1998\").")),
      area: opt(text("占地面积, with its unit (e.g. \"12 万 m²\").")),
      products: opt(text("主要产品及生产能力.")),
      outputValue: opt(text("年产值/利润.")),
      envOrganisation: opt(text("环保机构与人员.")),
      pollutants: opt(text("主要污染物及执行标准.")),
    },
    "Enterprise profile (企业简述, WS2-1); the enterprise name is meta.enterprise, the head count the total of `staff`.",
  );
  const staff = object(
    {
      department: text("Department. 部门 (required).", true),
      headCount: opt(count("Head count. 人数.")),
      shifts: opt(text('Shifts, as text (e.g. "四班三运转"). 班次.')),
      remark: opt(text("Remark. 备注.")),
    },
    "One department (企业组织机构与人员).",
  );
  const equipment = object(
    {
      name: text("Equipment name. 设备名称 (required).", true),
      model: opt(text("Model / specification. 型号规格.")),
      quantity: opt(count("Number of units. 数量 (台/套).")),
      powerKw: opt(nonNeg("kW", "Rated power per unit, kW. 功率.")),
      year: opt(year("Year commissioned. 投产年份.")),
      condition: opt(text("Operating condition. 运行状况.")),
      obsolete: opt(yesNo("Listed as obsolete (是否属于淘汰类): 是/否 or true/false.")),
    },
    "One item of main equipment (企业主要设备).",
  );
  const facility = object(
    {
      name: text("Facility name. 名称 (required).", true),
      capacity: opt(nonNeg("in `unit`", "Design capacity. 处理能力.")),
      actual: opt(nonNeg("in `unit`", "Actual throughput. 实际处理量.")),
      unit: opt(text('Unit of capacity and throughput (e.g. "m3/d"). 单位.')),
      condition: opt(text("Operating condition. 运行状况.")),
      annualCost: opt(nonNeg("万元/a", "Annual running cost, 万元/a. 年运行费.")),
    },
    "One end-of-pipe facility (环保设施).",
  );
  const envCost = object(
    {
      item: text(`Cost item (费用项目): ${spellings(ENV_COST_ITEMS)} (required).`, true),
      amount: opt(nonNeg("万元/a", "Amount, 万元/a. 金额.")),
      remark: opt(text("Remark. 备注.")),
    },
    "One environmental cost item (环保费用).",
  );
  const aspects = Object.fromEntries(ASPECT_KEYS.map((k, i) => [k, opt(text(`Causes under ${ASPECTS[i]!.zh} (${ASPECTS[i]!.en}).`))])) as Record<(typeof ASPECT_KEYS)[number], z.ZodMiniOptional<z.ZodMiniString>>;
  const cause = object(
    {
      id: opt(text("编号.")),
      location: opt(text("Where the waste arises (废弃物产生部位).")),
      name: text("Waste. 废弃物名称 (required).", true),
      ...aspects,
    },
    "One waste and its causes along the 8 aspects (spec §5.1).",
  );
  const walk = object(
    {
      area: opt(text(`Check area (检查区域): ${spellings(WALK_AREAS)}.`)),
      item: text("Check item. 检查项目 (required).", true),
      result: opt(text(`Result (结果): ${spellings(YES_NO_NA)}.`)),
      finding: opt(text("Finding. 发现的问题.")),
      quickOption: opt(text("Possible no/low-cost option. 可能的无/低费方案.")),
      optionId: opt(text("Option id in the register when the quick option was sent there. 方案编号.")),
      responsible: opt(text("Responsible. 责任人.")),
    },
    "One item of the walk-through checklist (现场考察记录/内部管理检查清单).",
  );
  const data = object(
    {
      name: text("Document or data. 资料名称 (required).", true),
      content: opt(text("Content. 内容.")),
      source: opt(text("Source / department. 来源/部门.")),
      provider: opt(text("Provided by. 提供人.")),
      date: opt(isoDate("Date. 日期.")),
      collected: opt(yesNo("Collected (是否已收集): 是/否 or true/false.")),
    },
    "One entry of the audit-focus data inventory (审核重点资料收集名录).",
  );
  return {
    team: opt(list(member, "Audit team (审核小组成员表, WS1-1).")),
    plan: opt(list(stage, "Audit work plan (审核工作计划表, WS1-2); absent: the 9 standard stages, blank.")),
    profile: opt(profile),
    staff: opt(list(staff, "Organisation and staffing (企业组织机构与人员, WS2-2).")),
    equipment: opt(list(equipment, "Main equipment (企业主要设备一览表, WS2-5).")),
    facilities: opt(list(facility, "End-of-pipe facilities (环保设施, WS2-7).")),
    envCosts: opt(list(envCost, "Environmental cost items (环保费用, WS2-7).")),
    causes: opt(
      object(
        {
          plant: opt(list(cause, "Plant-level cause analysis (企业废弃物产生原因分析, WS2-9).")),
          focus: opt(list(cause, "Audit-focus cause analysis (审核重点废弃物产生原因分析表, WS3-5).")),
        },
        "Cause analyses along the 8 aspects.",
      ),
    ),
    walkthrough: opt(list(walk, "Walk-through checklist (现场考察记录/内部管理检查清单, WS2-13).")),
    dataInventory: opt(list(data, "Audit-focus data inventory (审核重点资料收集名录, WS3-1).")),
  };
}

/** The factors of a weighted-sum ranking (表2-11, 表4-3): at least one, each a name and a weight W > 0. */
function weightingFactors(description: string) {
  return list(
    object(
      {
        name: z.optional(text("Factor name (因素). Default: #1, #2, ...")),
        weight: num("W, e.g. 10", "W, weight (权重) > 0; 1–10 by convention, need not sum to anything.", z.gt(0, { error: outOfRange("must be greater than 0") })),
      },
      "One weighting factor. 权重因素.",
    ),
    description,
    z.minLength(1, { error: "needs at least one factor" }),
  );
}
/** Stream classes of spec WS3-4 (分类), for the descriptions. */
const STREAM_CLASS_TEXT = "原料/辅料/水/空气 (inputs) ‖ 产品/副产品/回收/废水/废气/固废/无组织/损失 (outputs), or their English names";

/** The optional fields a balance stream gains in phase 3 (issue 10): class, measurement point, components. */
function streamExtras() {
  return {
    class: z.optional(doc(text(`Stream class (分类): ${STREAM_CLASS_TEXT}. Another text is an error.`), { examples: ["原料", "产品", "废水"] })),
    measurementPoint: z.optional(
      text("Measurement point (监测点) of `measurements[].point`, matched exactly: the stream's quantity and unit are then the point's mean and unit (WS3-3 → WS3-4); `quantity`/`unit` are not used."),
    ),
    components: z.optional(
      list(
        object(
          {
            name: text("Component (组分): an element or pollutant, e.g. \"Cr\", \"COD\" (required).", true),
            fraction: num("decimal 0–1", "Mass fraction (组分含量) of the component in the stream, decimal 0–1: 0.012 = 1.2 %.", z.gte(0, { error: outOfRange("must be from 0 to 1") }), z.lte(1, { error: outOfRange("must be from 0 to 1") })),
          },
          "One component of the stream (element / pollutant balance, spec §4.5).",
        ),
        "Components of the stream (组分), one entry per element or pollutant.",
      ),
    ),
  };
}

/**
 * Optional sections of issue 12 (helper T): 表6-7 specific indicators before/after, 表6-8 target
 * attainment, 表7-1 continuous CP plan, 表7-2 CP organisation and rules. cases/README.md documents them.
 */
function afterAuditSections() {
  const opt = <T extends z.core.SomeType>(x: T) => z.optional(x);
  const indicator = object(
    {
      indicator: text("Indicator (指标), e.g. a specific consumption; when it names an `annualData` item the sheet links its 审核前 from there (the item's specific consumption, else its Y0) (required).", true),
      unit: opt(text("Unit (单位), e.g. \"t/万kWh\".")),
      direction: opt(doc(text(`Direction (方向): ${spellings(BETTER)}.`), { examples: BETTER.map((b) => b.zh) })),
      before: opt(num("in `unit`", "审核前 value, used when the indicator is not an `annualData` item.")),
      after: opt(num("in `unit`", "审核后 value (after the audit, measured).")),
    },
    "One specific indicator before and after the audit (审核前后单位产品指标): Table 6-7.",
  );
  const attainment = object(
    {
      target: text("Target item (目标项): the `item` of a `targets` entry, exactly (required).", true),
      actual: opt(num("in the target's unit", "Actual value (实际值), used when the target's item is not in `specificIndicators` with an `after` value.")),
    },
    "One target's attainment (清洁生产目标完成情况): Table 6-8.",
  );
  const planItem = object(
    {
      category: opt(doc(text(`Plan category (计划分类): ${spellings(PLAN_CATEGORIES)}; other text is kept and flagged.`), { examples: PLAN_CATEGORIES.map((c) => c.zh) })),
      content: opt(text("Main content. 主要内容.")),
      start: opt(isoDate("Start. 开始时间.")),
      end: opt(isoDate("End. 结束时间.")),
      department: opt(text("Responsible department. 负责部门.")),
      remark: opt(text("Remark. 备注.")),
    },
    "One item of the continuous CP plan (持续清洁生产计划): Table 7-1.",
  );
  const body = object(
    {
      name: text("Name of the body (机构名称), e.g. 清洁生产领导小组 (required).", true),
      head: opt(text("Head. 负责人.")),
      members: opt(text("Members. 成员.")),
      duties: opt(text("Duties. 职责.")),
      reportsTo: opt(text("Reports to. 隶属.")),
    },
    "One body of the CP organisation (清洁生产组织机构): Table 7-2 block A.",
  );
  const rule = object(
    {
      name: text("Name of the rule (制度名称) (required).", true),
      content: opt(text("Main content, incl. rewards/penalties and assessment. 主要内容（含奖惩、考核）.")),
      issued: opt(isoDate("Date issued. 发布日期.")),
      department: opt(text("Department that applies it. 执行部门.")),
    },
    "One management rule (清洁生产管理制度): Table 7-2 block B.",
  );
  return {
    specificIndicators: opt(list(indicator, "Specific indicators before and after the audit (审核前后企业各项单位产品指标对比): Table 6-7.")),
    targetAttainment: opt(list(attainment, "Target attainment (清洁生产目标完成情况): Table 6-8.")),
    continuousPlan: opt(list(planItem, "Continuous CP plan (持续清洁生产计划): Table 7-1. Absent: the sheet lists the four standard categories.")),
    cpOrganisation: opt(list(body, "CP organisation (清洁生产组织机构): Table 7-2 block A.")),
    cpRules: opt(list(rule, "CP management rules (清洁生产管理制度): Table 7-2 block B.")),
  };
}

/**
 * The sections of issue 12 (helper I): 表6-1 implementation plan, 表6-3 / 表6-5 economic results of
 * the implemented options, 表6-6 the summary's option ids. cases/README.md documents them.
 */
function implementationSections() {
  const opt = <T extends z.core.SomeType>(x: T) => z.optional(x);
  const money = (what: string) => opt(num("万元", what));
  const task = object(
    {
      optionId: optionId("Id of the option being implemented (方案编号); must name an `options[].id` exactly (required)."),
      content: opt(text("What is implemented (实施内容).")),
      funding: opt(doc(text(`Funding source (资金来源): ${spellings(FUNDING_SOURCES)}; another text is kept as written.`), { examples: FUNDING_SOURCES.map((x) => x.zh) })),
      plannedStart: opt(isoDate("Planned start. 计划开始.")),
      plannedEnd: opt(isoDate("Planned completion. 计划完成.")),
      actualStart: opt(isoDate("Actual start. 实际开始.")),
      actualEnd: opt(isoDate("Actual completion. 实际完成 (the option then counts as 已完成).")),
      responsible: opt(text("Responsible department / person. 负责部门/人.")),
    },
    "One option's implementation plan and progress (方案实施计划/进度, WS6-1); the investment is looked up (表5-3, else the register), the status computed from the dates.",
  );
  const lowCost = object(
    {
      optionId: optionId("Id of an implemented no/low-cost option; must name an `options[].id` exactly (required)."),
      investment: opt(num("万元", "Investment (投资) ≥ 0, 万元; only for an option NOT in `lowCostResults` (表4-6), whose verified figures are used otherwise.", z.gte(0, { error: outOfRange("must be ≥ 0 万元") }))),
      operatingCost: money("Change of the operating cost (运行费变化), 万元/a (an increase positive); only for an option not in `lowCostResults`."),
      annualBenefit: money("Annual economic benefit (年经济效益), 万元/a; only for an option not in `lowCostResults`."),
    },
    "One implemented no/low-cost option of 表6-3 (已实施的无/低费方案经济效益): the figures come from 表4-6 when the option is there, else from here.",
  );
  const item = object(
    {
      optionId: optionId("Id of an implemented medium/high-cost option; must name an `options[].id` exactly (required)."),
      item: doc(text(`Comparison item (项目): ${spellings(HIGH_COST_ITEMS)} (required; 净利润 is computed, never an item).`, true), { examples: HIGH_COST_ITEMS.map((x) => x.zh) }),
      before: money("Before implementation (实施前), or the feasibility study's design value (可研设计值), 万元/a."),
      after: money("After implementation, actual operation (实施后), 万元/a."),
    },
    "One item of one option in 表6-5 (已实施的中/高费方案经济效益对比): long form, one entry per option × item.",
  );
  const expost = object(
    {
      optionId: optionId("Id of an implemented medium/high-cost option; must name an `options[].id` exactly (required)."),
      investment: opt(num("万元 > 0", "Actual investment I (实际投资), 万元 > 0.", z.gt(0, { error: outOfRange("must be greater than 0 万元") }))),
    },
    "The ex-post evaluation of one option (表6-5, second table): actual I; P = the change of 净利润 from the items; D, T, E, F, N, NPV, NPVR, IRR as in 表5-3.",
  );
  return {
    implementation: opt(list(task, "Implementation plan and progress (方案实施计划/进度表, WS6-1).")),
    lowCostEconomics: opt(list(lowCost, "Economic results of the implemented no/low-cost options (已实施的无/低费方案经济效益一览表, WS6-3).")),
    highCostEconomics: opt(
      object(
        {
          items: opt(list(item, "Items before/after per option (long form).")),
          expost: opt(list(expost, "Ex-post evaluation per option: the actual investment.")),
        },
        "Economic results of the implemented medium/high-cost options (已实施的中/高费方案经济效益对比一览表, WS6-5).",
      ),
    ),
    implementedSummary: opt(list(object({ optionId: optionId("Id of an implemented option (required).") }, "One implemented option."), "Implemented options summarised in 表6-6 (已实施清洁生产方案实施效果的核定与汇总): ids only, every figure is looked up.")),
  };
}

/** Optional sections of issue 10 part C: candidate data, unit operations, measurements, water balances. */
function partCSections() {
  const unitOperation = object(
    {
      id: z.optional(text("Unit-operation number (单元操作编号), e.g. \"U1\".")),
      name: text("Unit operation (单元操作名称); the balances, streams and measurement points pick it by this exact name (required).", true),
      function: z.optional(text("Function. 功能.")),
      equipment: z.optional(text("Main equipment. 主要设备.")),
      inputs: z.optional(text("Input materials. 输入物料.")),
      outputs: z.optional(text("Output materials (product/intermediate). 输出物料.")),
      wastes: z.optional(text("Wastes generated. 产生的废弃物.")),
      parameters: z.optional(text("Operating parameters. 操作参数.")),
    },
    "One unit operation of the audit focus (审核重点单元操作, WS3-2).",
  );
  const measurement = object(
    {
      point: text("Measurement point (监测点), unique; streams name it in `measurementPoint` (required).", true),
      unitOperation: z.optional(text("Unit operation (所属单元操作), one of `unitOperations[].name`.")),
      stream: z.optional(text("Stream measured. 物流名称.")),
      item: z.optional(text("What is measured (监测项目): flow, concentration, composition …")),
      method: z.optional(text("Method or instrument. 方法/仪表.")),
      frequency: z.optional(text("Frequency. 频次.")),
      time: z.optional(text("Time or shift. 时间/班次.")),
      responsible: z.optional(text("Responsible person. 负责人.")),
      mode: z.optional(doc(text("Process (生产方式): 间歇 (Batch) needs ≥ 3 cycles, 连续 (Continuous) ≥ 72 h of measurement (spec §4.2)."), { examples: ["间歇", "连续"] })),
      durationHours: z.optional(num("h ≥ 0", "Duration of the measurement (实测时长), hours ≥ 0 (continuous processes: ≥ 72 h).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      readings: list(
        z.nullable(num("a reading", "One reading (测量值) per cycle; null = a blank cycle.")),
        `Readings per cycle 1..${MEASUREMENT_CYCLES} (测量值); blank cycles ignored.`,
        z.maxLength(MEASUREMENT_CYCLES, { error: `at most ${MEASUREMENT_CYCLES} cycles (the sheet has ${MEASUREMENT_CYCLES} reading columns)` }),
      ),
      unit: z.optional(unitText("Unit of the readings (单位); required when a stream uses the point.")),
    },
    "One measurement point with its plan and readings (实测计划及数据, WS3-3).",
  );
  const qty = (what: string) => z.optional(num("≥ 0, in `basis`", `${what}, in \`basis\`.`, z.gte(0, { error: outOfRange("must be ≥ 0") })));
  const water = object(
    {
      system: text("Unit or water system (单元/系统) (required).", true),
      basis: z.optional(unitText("Unit of every water quantity of the row (基准单位), e.g. \"m3/d\".")),
      fresh: qty("Fresh water Q_new (新水量)"),
      reused: qty("Reused water Q_reuse (重复利用水量)"),
      consumed: qty("Water consumed Q_consumed (耗水量)"),
      discharged: qty("Water discharged Q_discharged (排水量)"),
      leak: qty("Water lost by leaks Q_leak (漏失水量)"),
      production: z.optional(num("> 0", "Product output in the same period (产品产量), for the fresh water per unit product.", z.gt(0, { error: outOfRange("must be greater than 0") }))),
      productUnit: z.optional(text('Unit of the product output (产品单位), e.g. "t".')),
    },
    "One water balance (水平衡, spec §4.4): Q_new = Q_consumed + Q_discharged + Q_leak.",
  );
  const nonNegative = (what: string) => z.optional(num("≥ 0", what, z.gte(0, { error: outOfRange("must be ≥ 0") })));
  const candidate = object(
    {
      name: text("Candidate (备选审核重点), named as in `focusSelection.candidates[].name` (matched by this exact name) (required).", true),
      wasteWater: nonNegative("Wastewater (废水), t/a."),
      wasteSolid: nonNegative("Solid waste / slag (废渣), t/a."),
      wasteGas: nonNegative("Waste gas (废气), t/a."),
      raw: nonNegative("Raw material use (原料消耗), t/a."),
      rawCost: nonNegative("Raw material cost (原料费用), 万元/a."),
      water: nonNegative("Water use (水耗), m³/a."),
      waterCost: nonNegative("Water cost (水费), 万元/a."),
      energy: nonNegative("Energy use (能耗), tce/a."),
      energyCost: nonNegative("Energy cost (能源费用), 万元/a."),
      endOfPipe: nonNegative("In-plant end-of-pipe treatment cost (厂内末端治理费), 万元/a."),
      disposal: nonNegative("Off-site treatment and disposal cost (厂外处理处置费), 万元/a."),
      dischargeFee: nonNegative("Discharge fees (排污费), 万元/a."),
      fines: nonNegative("Fines (罚款), 万元/a."),
      otherEnv: nonNegative("Other environmental costs (其他), 万元/a."),
      toxicity: z.optional(text("Toxicity remarks: hazardous constituents (毒性说明).")),
    },
    "One candidate's data (备选审核重点情况, WS2-10): waste, consumption and environmental costs per year.",
  );
  return {
    candidateData: z.optional(
      list(candidate, "Candidate audit-focus data (备选审核重点情况汇总, WS2-10); its subtotals suggest the proportional scores of the factors 废弃物量, 主要消耗 and 环保费用 (spec §2.3)."),
    ),
    unitOperations: z.optional(list(unitOperation, "Unit operations of the audit focus (审核重点单元操作功能说明表, WS3-2). Default: the balances' unit operations.")),
    measurements: z.optional(list(measurement, "Measurement plan and readings (实测计划及数据表, WS3-3).")),
    waterBalance: z.optional(list(water, "Water balances (水平衡, spec §4.4), one entry per unit or system.")),
  };
}

/** parameters of the energy and carbon accounting (issue 12): grid-factor year, region, electricity convention. */
function energyParameters() {
  return {
    factorYear: z.optional(
      doc(
        z.int({ error: wrongType("a whole number (year, e.g. 2023)", "required year is missing") }).check(
          z.minimum(1990, { error: outOfRange("must be a year from 1990 to 2100") }),
          z.maximum(2100, { error: outOfRange("must be a year from 1990 to 2100") }),
        ),
        { description: "Data year of the grid emission factor (电网排放因子年份, CP_FactorYear); a year of gridFactors or of the bundled data (2021–2023). Default: the data's (2023).", default: 2023 },
      ),
    ),
    gridRegion: z.optional(
      doc(text(`Grid region (电网区域, CP_GridRegion), in either language: ${spellings(GRID_REGIONS)}, or a region of gridFactors. Default 全国.`), { default: "全国", examples: GRID_REGIONS.map((r) => r.zh) }),
    ),
    electricityConvention: z.optional(
      doc(z.enum(["当量", "等价", "当量值", "等价值", "equivalent", "equal"], { error: wrongType('"当量" or "等价"', "missing") }), {
        description: "How electricity converts to standard coal (电力折标方法, CP_ElecConvention, GB/T 2589): 当量 (equivalent value, 0.1229 kgce/kWh) or 等价 (equal value, the coal rate of power supply). Default 当量.",
        default: "当量",
      }),
    ),
  };
}

/** Optional overrides and additions of the coefficient sheet (issue 12). */
function energySections() {
  const opt = (what: string) => z.optional(num("", what));
  const factor = object(
    {
      item: text("Item (项目): a carrier of the bundled data (zh, en or id: 电力, 天然气, naturalGas …) to override, or a new item (required).", true),
      category: z.optional(text(`Category (类别): ${spellings(FACTOR_CATEGORIES)}. 电力 takes its CO2 from the grid factor.`)),
      unit: z.optional(text('Unit a quantity is entered in (单位), e.g. "kWh", "t", "m³".')),
      kgceEquivalent: opt("当量值, kgce per unit."),
      kgceEqual: opt("等价值, kgce per unit (electricity and energy-carrying media)."),
      co2Factor: opt("CO2 factor (CO2因子), tCO2 per unit (not used for 电力: the grid factor applies)."),
      source: z.optional(text("Source (来源).")),
      edition: z.optional(text("Edition or year (版本).")),
      note: z.optional(text("Note (说明).")),
    },
    "A row of the coefficient table: the fields given replace the bundled row of that item; a new item is added.",
  );
  const grid = object(
    {
      year: z.int({ error: wrongType("a whole number (year)", "required year is missing") }),
      region: text("Region (区域), e.g. 全国, 华东, or a province (required).", true),
      value: num("tCO2/MWh, e.g. 0.5306", "Grid emission factor, tCO2/MWh (= kgCO2/kWh) (required)."),
      series: z.optional(text("Series (系列), e.g. 统计 or 碳市场.")),
      source: z.optional(text("Source (来源).")),
    },
    "A grid emission factor: replaces the bundled one of the same year and region, or adds one.",
  );
  return {
    factors: z.optional(list(factor, "Coefficient table overrides and additions (能源与碳排放系数: tblFactors); the bundled data supplies the rest.")),
    gridFactors: z.optional(list(grid, "Grid emission factors to override or add (tblGridFactors), by data year and region.")),
  };
}

const RATE = "decimal, e.g. 0.06";
const YEARS = "years, e.g. 10";

function build() {
  const meta = object(
    {
      title: text("Title of the audit case. 案例标题 (required).", true),
      enterprise: z.optional(text("Enterprise. 企业名称.")),
      auditRound: z.optional(text('Audit round, e.g. "第一轮". 审核轮次.')),
      preparedBy: z.optional(text("Prepared by. 制表.")),
      checkedBy: z.optional(text("Checked by. 审核.")),
      date: z.optional(text('Date, as text (e.g. "2024-05-01"). 日期.')),
      industry: z.optional(text("Industry. 行业.")),
      currency: z.optional(text("Currency of the money figures; the sheets use 万元 (10,000 yuan). 货币单位.")),
      source: z.optional(text("Where the figures come from. 数据来源.")),
      auditYear: z.optional(year("Audit year (审核年度), e.g. 2024: the equipment ages are counted to it (WS2-5).")),
      terminology: z.optional(doc(z.enum(["2001", "2016"], { error: wrongType('"2001" or "2016"', "missing") }), 'Terms of the sheet titles and work-plan stages (spec §8.2): "2001" the handbook\'s (审计; 筹划和组织, 预评估, 评估 …), "2016" the current Measures\' (审核; 审核准备, 预审核, 审核 …). Default "2016".')),
      expected: z.optional(doc(z.unknown(), "Free-form values a correct workbook shows after recalculation (tests only). 预期结果（仅供测试）.")),
    },
    "Case header; only the title is required. 审核信息（表头）.",
    "required object is missing (it needs at least a title)",
  );

  const rateRule = "must be greater than −1 (a decimal, 0.12 = 12 %)";
  const parameters = object(
    {
      discountRate: z.optional(
        num(RATE, "i, discount rate (贴现率), decimal fraction: 0.12 = 12 %. Greater than −1. Required when `economics` is present.", z.gt(-1, { error: outOfRange(rateRule) })),
      ),
      taxRate: z.optional(
        num(
          RATE,
          "t, tax rate (税率, 综合税率 / income tax), decimal fraction from 0 up to (not including) 1: 0.25 = 25 %. Required when an economics entry derives F from annualSavings.",
          z.gte(0, { error: outOfRange("must be a decimal from 0 up to (not including) 1 (0.25 = 25 %)") }),
          z.lt(1, { error: outOfRange("must be a decimal from 0 up to (not including) 1 (0.25 = 25 %)") }),
        ),
      ),
      depreciationYears: z.optional(
        num(YEARS, "Y, depreciation period (折旧年限), years > 0; straight line, no salvage. Required when an economics entry derives F from annualSavings.", z.gt(0, { error: outOfRange("must be greater than 0") })),
      ),
      evaluationYears: z.optional(wholeYears(`n, evaluation period (计算期), whole years 1..${MAX_YEARS}. Default: depreciationYears (or the length of the longest cashFlows).`)),
      benchmarkRate: z.optional(num(RATE, "i_b, benchmark rate of return (基准收益率) for the IRR verdict, decimal fraction > −1. Default: discountRate.", z.gt(-1, { error: outOfRange(rateRule) }))),
      balanceTolerance: z.optional(
        withDefault(
          DEFAULT_BALANCE_TOLERANCE,
          num(
            "decimal, e.g. 0.05",
            `|relative error| a material balance accepts (物料平衡允许相对误差), decimal fraction ≥ 0: 0.05 = 5 %. Default ${DEFAULT_BALANCE_TOLERANCE}.`,
            z.gte(0, { error: outOfRange("must be ≥ 0 (a decimal, 0.05 = 5 %)") }),
          ),
        ),
      ),
      paybackQuota: z.optional(num(YEARS, "Payback quota (定额投资偿还期), years > 0; an option passes when N ≤ quota. Default: evaluationYears.", z.gt(0, { error: outOfRange("must be greater than 0") }))),
      auditYear: z.optional(
        doc(
          z.int({ error: wrongType("a whole number (year, e.g. 2024)", "required year is missing") }).check(
            z.minimum(1900, { error: outOfRange("must be a year from 1900 to 2200") }),
            z.maximum(2200, { error: outOfRange("must be a year from 1900 to 2200") }),
          ),
          "Y0, the audit year (审核年份) of the annual data; the last three years are Y0−3 … Y0−1.",
        ),
      ),
      ...energyParameters(),
    },
    "Evaluation parameters: rates as decimal fractions (0.12, not 12), periods in years. 评估参数.",
  );

  const quota = (what: string) => z.optional(num(YEARS, `Quota of ${what} options, years > 0.`, z.gt(0, { error: outOfRange("must be greater than 0") })));
  const paybackQuotas = object(
    {
      中费: quota("中费 (medium-cost; spec §3.4: 2–3 years)"),
      高费: quota("高费 (high-cost; spec §3.4: < 10 years, 较高费 < 5)"),
      "中/高费": quota("中/高费 (medium/high-cost, not split further)"),
    },
    "Payback quota per cost class (分类定额投资偿还期, spec §3.4), years: an option of a class given here is judged against its class's quota instead of parameters.paybackQuota.",
  );

  const wasteSource = object(
    {
      workshop: z.optional(text("Workshop or section. 车间/工段.")),
      source: z.optional(text("Source of the waste. 产生源.")),
      category: z.optional(
        doc(text(`Category (类别), in either language: ${spellings(WASTE_CATEGORIES)}; the short forms 固废 / 危废 are accepted. Another text is kept as written (a warning).`), {
          examples: WASTE_CATEGORIES.map((c) => c.zh),
        }),
      ),
      name: text("Name or main pollutant. 名称/主要污染物 (required).", true),
      quantity: num("≥ 0, in `unit`", "Quantity generated (产生量) ≥ 0, in `unit`.", z.gte(0, { error: outOfRange("must be ≥ 0") })),
      unit: unitText('Unit of the quantity, an audit unit text such as "t/a" (单位). An unknown unit is shown as written (a warning); "ton", "Mg" and "month" are refused.'),
      treatment: z.optional(text("Treatment or disposal. 处理处置方式.")),
      annualCost: z.optional(num("万元/a", "Annual treatment cost (年处理费用) ≥ 0, 万元/a.", z.gte(0, { error: outOfRange("must be ≥ 0 万元/a") }))),
      remark: z.optional(text("Remark. 备注.")),
      // waste streams by year (sheet WS2-6B, matched to this entry by name)
      y2: z.optional(num("≥ 0, in `unit`", "Quantity generated in Y0−2 (产生量), ≥ 0, in `unit` (the quantity above is Y0).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      y1: z.optional(num("≥ 0, in `unit`", "Quantity generated in Y0−1 (产生量), ≥ 0, in `unit`.", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      discharge: z.optional(num("≥ 0, in `unit`", "Quantity discharged in Y0 (排放量), ≥ 0, in `unit`.", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      concentration: z.optional(num("≥ 0", "Discharge concentration (排放浓度) ≥ 0, in `concentrationUnit` (noise: the level in dB(A)).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      limit: z.optional(num("≥ 0", "Standard limit (标准限值) ≥ 0, in `concentrationUnit`; 达标 when concentration ≤ limit.", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      concentrationUnit: z.optional(text('Unit of concentration and limit (浓度单位), e.g. "mg/L", "mg/m3", "dB(A)".')),
    },
    "One row of the waste-source inventory (废弃物产生源清单).",
  );

  const p2 = phase2Schemas();

  const focusSelection = object(
    {
      factors: weightingFactors("Weighting factors (权重因素), at least one; one column each on the sheet."),
      candidates: list(
        object(
          {
            name: text("Candidate (备选审核重点), e.g. a workshop (required).", true),
            scores: list(
              z.nullable(num("R, 1–10", "R, score (得分) ≥ 0; 1–10 by convention; null = take the score suggested from `candidateData` (factors 废弃物量, 主要消耗, 环保费用).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
              "One score per factor, in the order of `factors`; null where the suggested score is taken. 各因素得分.",
            ),
          },
          "One candidate for the audit focus. 备选审核重点.",
        ),
        "Candidates for the audit focus, at least one.",
        z.minLength(1, { error: "needs at least one candidate" }),
      ),
    },
    "Weighted-sum scoring of the audit focus (权重总和计分排序法).",
  );

  const stream = object(
    {
      stream: z.optional(text("Stream name. 物流名称. Default: #1, #2, ...")),
      quantity: z.optional(
        num("≥ 0, in `unit`", "Quantity (数量) ≥ 0 in `unit`; converted to the entry's basis. Required unless `measurementPoint` is given (then the point's mean is used).", z.gte(0, { error: outOfRange("must be ≥ 0 (a measured flow cannot be negative)") })),
      ),
      unit: z.optional(unitText("Unit (单位), an audit unit of the same kind as the basis (kg/a, t/a, t/d ...); a unit of another kind is an error. Required with `quantity`; with `measurementPoint` the point's unit is used.")),
      ...streamExtras(),
    },
    "One stream of a balance. 物流.",
  );
  const balance = object(
    {
      unitOperation: z.optional(text("Unit operation or audit focus (单元操作); each balance needs its own name. Default: #1, #2, ...")),
      basis: z.optional(unitText('Basis unit (基准单位), e.g. "t/d"; every stream is converted to it. Default: the first input\'s unit.', "required unit is empty")),
      inputs: list(stream, "Input streams (输入), at least one (the relative error divides by ΣIn).", z.minLength(1, { error: "needs at least one input stream (the relative error divides by ΣIn)" })),
      outputs: list(stream, "Output streams (输出)."),
    },
    "One material balance (物料平衡).",
  );

  const option = object(
    {
      id: optionId("Option id (方案编号), unique across the case ignoring upper/lower case; no * ? ~ and no leading or trailing space (required)."),
      library: z.optional(text('Id of a typical option of the bundled option library (e.g. "BEER-03", see `cp-audit options --industry 啤酒`): name, aspect and cost class are taken from it where not given here. 方案库编号.')),
      name: z.optional(text("Option name. 方案名称.")),
      aspect: z.optional(
        doc(text(`Aspect (方案类型), one of the 8 aspects in either language: ${spellings(ASPECTS)}. Another text is kept as written (a warning).`), { examples: ASPECTS.map((a) => a.zh) }),
      ),
      costClass: z.optional(doc(text(`Cost class (费用类别), in either language: ${spellings(COST_CLASSES)}. A blank text is read as absent.`), { examples: COST_CLASSES.map((c) => c.zh) })),
      investment: z.optional(num("万元", "Estimated investment (预计投资) ≥ 0, 万元.", z.gte(0, { error: outOfRange("must be ≥ 0 万元") }))),
      annualBenefit: z.optional(num("万元/a", "Estimated annual benefit (预计年效益), 万元/a.")),
      description: z.optional(text("Description. 方案简介.")),
      source: z.optional(doc(text(`Where the option came from (来源), e.g. ${spellings(OPTION_SOURCES)}; another text is kept as written.`), { examples: OPTION_SOURCES.map((x) => x.zh) })),
      environmentalEffect: z.optional(text("Environmental effect. 环境效果.")),
      status: z.optional(
        doc(text(`Status (状态), in either language: ${spellings(STATUSES)}. Not written to the sheet any more: the register computes the status from the screening (WS4-2); a value here only gets a warning.`), { examples: STATUSES.map((s) => s.zh) }),
      ),
    },
    "One row of the options register (方案汇总表).",
  );

  // phase 4 (issue 11): screening, option ranking, option descriptions, verified no/low-cost results
  const tick = (description: string) =>
    doc(z.union([z.string(), z.boolean()], { error: wrongType("√ or × (or true/false)", "required √ or × is missing") }), { description, examples: ["√", "×"] });
  const judged = (k: number) => {
    const c = SCREENING_CRITERIA[k]!;
    return z.optional(tick(`${c.label.zh} (${c.label.en}): √ (true) or × (false); absent = not yet judged (the conclusion is 待定).`));
  };
  const screeningRow = object(
    {
      optionId: optionId("Id of the screened option (方案编号); must name an `options[].id` exactly (required)."),
      technical: judged(0),
      environmental: judged(1),
      economic: judged(2),
      implementation: judged(3),
      production: judged(4),
    },
    "One option of the simple screening (方案初步筛选).",
  );
  const screening = object(
    {
      allowedCrosses: z.optional(withDefault(0, doc(z.int({ error: wrongType("a whole number ≥ 0", "required whole number is missing") }).check(z.gte(0, { error: outOfRange("must be ≥ 0") })), "× allowed outside the veto criteria for 可行 (允许的 × 个数); more gives 需进一步研究. Default 0."))),
      vetoes: z.optional(
        list(
          doc(z.enum(SCREENING_CRITERIA.map((c) => c.key) as [string, ...string[]], { error: wrongType(`one of ${SCREENING_CRITERIA.map((c) => c.key).join(", ")}`, "required criterion is missing") }), "A criterion key."),
          "Veto criteria (否决项): a × on one of them makes the option 不可行. Default: technical, environmental (spec WS4-2).",
        ),
      ),
      options: list(screeningRow, "The screened options, one entry each."),
    },
    "Simple screening (方案初步筛选（简易筛选）, WS4-2).",
  );
  const optionRanking = object(
    {
      factors: weightingFactors("Weighting factors, at least one (default on the blank template: 环境效果 10, 经济可行性 8, 技术可行性 7, 可实施性 5, spec §2.5)."),
      options: list(
        object(
          {
            optionId: optionId("Id of the ranked option; must name an `options[].id` exactly (required)."),
            scores: list(num("R, 0–10", "R, score (得分) 0–10.", z.gte(0, { error: outOfRange("must be ≥ 0") }), z.lte(10, { error: outOfRange("must be ≤ 10") })), "One score per factor, in the order of `factors`."),
          },
          "One ranked option.",
        ),
        "The ranked options, at least one.",
        z.minLength(1, { error: "needs at least one option" }),
      ),
    },
    "Weighted-sum ranking of options (方案的权重总和计分排序, WS4-3).",
  );
  const optionDescription = object(
    {
      optionId: optionId("Id of a medium/high-cost option; must name an `options[].id` exactly (required)."),
      keyPoints: z.optional(text("Key points (要点).")),
      equipment: z.optional(text("Main equipment (主要设备).")),
      indicators: z.optional(text("Main technical and economic figures (主要技术经济指标).")),
      environmentalImpact: z.optional(text("Possible environmental impact (可能的环境影响).")),
    },
    "Description of a medium/high-cost option (方案说明表, WS4-5).",
  );
  const moneyAny = (what: string) => z.optional(num("万元", what));
  const amount = (what: string) => z.optional(num("≥ 0", what, z.gte(0, { error: outOfRange("must be ≥ 0") })));
  const lowCostResult = object(
    {
      optionId: optionId("Id of an implemented no/low-cost option; must name an `options[].id` exactly (required)."),
      date: z.optional(text("Implementation date, as text (实施时间).")),
      investment: z.optional(num("万元", "Investment (投资) ≥ 0, 万元.", z.gte(0, { error: outOfRange("must be ≥ 0 万元") }))),
      operatingCost: moneyAny("Added operating cost (运行费), 万元/a."),
      annualBenefit: moneyAny("Verified annual economic benefit (经济效益), 万元/a."),
      waterSaved: amount("Water saved (节水), m³/a."),
      electricitySaved: amount("Electricity saved (节电), kWh/a."),
      wastewaterReduced: amount("Wastewater reduced (废水削减), t/a."),
      solidWasteReduced: amount("Solid waste reduced (固废削减), t/a."),
    },
    "Verified result of an implemented no/low-cost option (无/低费方案实施效果, WS4-6).",
  );

  const conclusion = (description: string) =>
    doc(z.union([z.string(), z.boolean()], { error: wrongType("可行/不可行 (or true/false)", "required 可行/不可行 (or true/false) is missing") }), {
      description,
      examples: ["可行", "不可行"],
    });
  const economicsEntry = z.object(
    {
      optionId: optionId("Id of the evaluated option (方案编号); must name an `options[].id` exactly when options are present (required)."),
      investment: num("I, 万元 > 0", "I, investment (投资) > 0, 万元; the economic sheet uses this figure.", z.gt(0, { error: outOfRange("must be greater than 0 万元") })),
      annualSavings: z.optional(num("P, 万元/a", "P, annual savings (年运行费用总节省金额), 万元/a. Required unless annualCashFlow or cashFlows is given.")),
      annualCashFlow: z.optional(num("F, 万元/a", "F, annual after-tax cash flow (年增现金流量) given directly, 万元/a: overrides F = (P − I/Y)(1 − t) + I/Y.")),
      cashFlows: z.optional(
        list(
          z.nullable(
            z.number({
              error: (iss: RawIssue) => {
                const year = Number(iss.path?.at(-1) ?? 0) + 1;
                return `expected a number (万元, year ${year}) or null, got ${got(iss.input)}`;
              },
            }),
          ),
          "Per-year after-tax cash flows F_1..F_n (逐年现金流量), 万元/a; null = a blank year (0). Overrides the constant F.",
          z.minLength(1, { error: "needs at least one year" }),
        ),
      ),
      technical: z.optional(conclusion("Technical evaluation (技术评估结论): 可行 (Feasible) or 不可行 (Infeasible), or true/false. Default 可行.")),
      environmental: z.optional(conclusion("Environmental evaluation (环境评估结论): 可行 (Feasible) or 不可行 (Infeasible), or true/false. Default 可行.")),
      technicalItems: z.optional(
        object(
          {
            maturity: z.optional(text("先进性/成熟度 (advancement, maturity).")),
            reliability: z.optional(text("可靠性 (reliability).")),
            quality: z.optional(text("对生产与产品质量影响 (effect on production and product quality).")),
            safety: z.optional(text("安全性 (safety).")),
          },
          "Technical evaluation items (技术评估, spec §6.4), texts shown on the feasibility sheet.",
        ),
      ),
      environmentalItems: z.optional(
        object(
          {
            reductions: z.optional(text("削减量 (reductions per pollutant).")),
            resources: z.optional(text("资源能源节约 (resource and energy savings).")),
            secondaryPollution: z.optional(text("二次污染 (secondary pollution, cross-media transfer).")),
          },
          "Environmental evaluation items (环境评估, spec §6.4), texts shown on the feasibility sheet.",
        ),
      ),
    },
    { error: wrongType("an object", "required object is missing") },
  ).check(
    // P, F or the per-year flows: F is derived from P, given, or given per year
    z.refine((e) => e.annualSavings !== undefined || e.annualCashFlow !== undefined || e.cashFlows !== undefined, {
      path: ["annualSavings"],
      error: "required number (P, 万元/a) is missing: give annualSavings, annualCashFlow or cashFlows",
      // also when another field of the entry is wrong: every problem is reported at once
      when: (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
    }),
  );
  doc(economicsEntry, {
    description: "Economic evaluation of a medium/high-cost option (中/高费方案经济评估).",
    anyOf: [{ required: ["annualSavings"] }, { required: ["annualCashFlow"] }, { required: ["cashFlows"] }],
  });

  // 表5-1 / 表5-2 (spec WS5-1, WS5-2, §3.1): amounts in 万元 (investment items ≥ 0) and 万元/a
  const money = (what: string) => z.optional(num("万元 ≥ 0", `${what}, 万元 ≥ 0.`, z.gte(0, { error: outOfRange("must be ≥ 0 万元") })));
  const perYear = (what: string) => z.optional(num("万元/a", `${what}, 万元/a.`));
  const investmentEntry = object(
    {
      optionId: optionId("Id of the option (方案编号); must name an `options[].id` exactly when options are present (required)."),
      equipment: money("1.1 设备购置 (equipment purchase)"),
      construction: money("1.1 建筑安装 (construction and installation)"),
      otherFixed: money("1.1 其他固定资产: 物料和场地准备, 与公用设施连接 (site preparation, utility connections)"),
      intangible: money("1.2 无形资产: 专利/技术转让, 土地使用, 增容 (intangible assets)"),
      startup: money("1.3 开办费: 前期, 筹建, 培训, 试车 (start-up costs)"),
      contingency: money("1.4 不可预见费 (contingency)"),
      interestDuringConstruction: money("2 建设期利息 (interest during construction)"),
      workingCapital: money("3 项目流动资金 (working capital)"),
      subsidies: money("5 补贴 (subsidies and grants), subtracted: I = 总投资 − 补贴"),
    },
    "One row of the investment cost statement (表5-1 投资费用统计表): I = 基建投资 + 建设期利息 + 流动资金 − 补贴. At least one amount.",
  );
  const operatingEntry = object(
    {
      optionId: optionId("Id of the option (方案编号); must name an `options[].id` exactly when options are present (required)."),
      revenue: z.optional(
        object(
          {
            output: perYear("产量增加收入 (more output)"),
            quality: perYear("质量/价格提高收入 (better quality or price)"),
            byproducts: perYear("副产品/回收物收入 (by-products, recovered material)"),
            other: perYear("其他收入 (other revenue)"),
          },
          "1 收入增加额 ΔR items (revenue increases), 万元/a.",
        ),
      ),
      costDecrease: z.optional(
        object(
          {
            materials: perYear("原材料 (raw materials)"),
            energy: perYear("动力和燃料 (power and fuel)"),
            water: perYear("水 (water)"),
            labour: perYear("工作人员费用 (labour)"),
            maintenance: perYear("维修费 (maintenance)"),
            wasteDisposal: perYear("废弃物处理处置费 (waste treatment and disposal)"),
            emissionFees: perYear("排污费/环保税 (emission fees, environmental tax)"),
            other: perYear("其他 (other costs)"),
          },
          "2 总运行费用减少额 ΔC items: a decrease positive, an increase negative, 万元/a.",
        ),
      ),
    },
    "One row of the operating cost and revenue statement (表5-2 运行费用和收益统计表): P = ΔR + ΔC. At least one amount.",
  );

  const file = z.object(
      {
        meta,
        parameters: z._default(parameters, () => ({})),
        wasteSources: z.optional(list(wasteSource, "Waste-source inventory (废弃物产生源清单).")),
        focusSelection: z.optional(focusSelection),
        materialBalance: z.optional(list(balance, "Material balances (物料平衡), one entry per balance.")),
        ...partCSections(),
        options: z.optional(list(option, "Options register (方案汇总表).")),
        economics: z.optional(list(economicsEntry, "Economic evaluation of the medium/high-cost options (中/高费方案经济评估).")),
        ...phase13Shape(),
        screening: z.optional(screening),
        optionRanking: z.optional(optionRanking),
        optionDescriptions: z.optional(list(optionDescription, "Descriptions of the medium/high-cost options (方案说明表).")),
        lowCostResults: z.optional(list(lowCostResult, "Verified results of the implemented no/low-cost options (无/低费方案实施效果的核定与汇总).")),
        investment: z.optional(list(investmentEntry, "Investment cost statements (表5-1 投资费用统计表), one per option; the economics sheet takes I from here.")),
        paybackQuotas: z.optional(paybackQuotas),
        operating: z.optional(list(operatingEntry, "Operating cost and revenue statements (表5-2 运行费用和收益统计表), one per option; the economics sheet takes P from here.")),
        annualData: z.optional(list(p2.annualItem, "Annual data of the last three years and the audit year (近三年及审核年 产品、原辅材料、水和能源): Table 2-3/2-4.")),
        benchmark: z.optional(p2.benchmark),
        targets: z.optional(list(p2.target, "CP targets (清洁生产目标一览表): Table 2-12.")),
        ...phase6EffectsShape(),
        ...energySections(),
        ...afterAuditSections(),
        ...implementationSections(),
      },
      { error: wrongType('a case object ({ "meta": ..., "parameters": ... })', 'expected a case object ({ "meta": ..., "parameters": ... }), got nothing') },
    );
  return doc(file, {
    title: "CP Audit case file (清洁生产审核案例文件)",
    description:
      "One cleaner-production audit case for the CP Audit workbook builder (cp-audit build CASE.json). Money in 万元, rates as decimal fractions, quantities with an explicit unit text. Unknown fields are ignored; any object may carry \"illustrative\": true. Rules across fields (discountRate when economics is present, taxRate and depreciationYears when F is derived, optionId names an option, units of the basis's kind, one score per factor) are checked by the builder.",
  });
}

/** A number, or a text (a qualitative level I / II / III, a requirement text). */
function numOrText(description: string) {
  return doc(z.union([z.number(), z.string()], { error: wrongType("a number or a text", "required value is missing") }), description);
}

/** The case sections of Tables 2-3/2-4 (annualData), 2-8 (benchmark) and 2-12 (targets), issue 10. */
function phase2Schemas() {
  const classes = ANNUAL_CLASSES;
  const annualItem = object(
    {
      category: doc(text(`Class (类别), in either language: ${spellings(classes)} (required).`, true), { examples: classes.map((c) => c.zh) }),
      name: text("Name of the product, material, water or energy carrier (名称); unique, the key other sheets link by (required).", true),
      unit: text('Unit of the yearly quantities (单位), e.g. "t", "m3", "kWh", "m2".', true),
      y3: z.optional(num("≥ 0", "Quantity of Y0−3 (in `unit`).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      y2: z.optional(num("≥ 0", "Quantity of Y0−2.", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      y1: z.optional(num("≥ 0", "Quantity of Y0−1.", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      y0: z.optional(num("≥ 0", "Quantity of the audit year Y0.", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      capacity: z.optional(num("> 0", "Design capacity (设计能力) of a product, in `unit` per year.", z.gt(0, { error: outOfRange("must be greater than 0") }))),
      price: z.optional(num("元 per unit", "Unit price (单价), 元 per `unit` (annual cost = Y0 × price / 10⁴ 万元).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      tceFactor: z.optional(num("tce per unit", "Coal-equivalent factor (折标系数), tce per `unit`; energy rows. Default: the standard factor of a known carrier and unit (GB/T 2589).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      benchmark: z.optional(num("per unit product", "Benchmark specific consumption (基准值), `unit` per unit of the reference product.")),
      reference: z.optional(doc(z.boolean({ error: wrongType("true or false", "missing") }), "true: this product is the reference product (参照产品, prod) of specific figures; at most one.")),
    },
    "One row of the annual data (年度数据).",
  );
  const indicator = object(
    {
      no: z.optional(text("Indicator number (编号).")),
      level1: z.optional(text("First-level indicator (一级指标).")),
      weight1: z.optional(num("0–1", "First-level weight (一级权重).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      level2: text("Second-level indicator (二级指标) (required).", true),
      weight2: z.optional(num("0–1", "Second-level weight (二级权重).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      unit: z.optional(text("Unit (单位).")),
      I: z.optional(numOrText("Level I limit (I级基准值).")),
      II: z.optional(numOrText("Level II limit (II级基准值).")),
      III: z.optional(numOrText("Level III limit (III级基准值).")),
      direction: doc(text(`Direction (方向): ${spellings(BENCH_DIRECTIONS)} (required).`, true), { examples: ["≤", "≥", "定性"] }),
      mandatory: z.optional(doc(z.boolean({ error: wrongType("true or false", "missing") }), "true: a 限定性 (limiting) indicator.")),
    },
    "One indicator of an index system typed in the case (一个评价指标).",
  );
  const benchmark = object(
    {
      system: z.optional(doc(text("Index system shipped with the workbook builder (指标体系): pcb, electroplating or hazardous-waste-incineration."), { examples: ["pcb"] })),
      n: z.optional(num("layers beyond 2", "n of the layer formulas a+b·n (PCB: a (2+n)-layer board).", z.gte(0, { error: outOfRange("must be ≥ 0") }))),
      indicators: z.optional(list(indicator, "Indicators of an own index system (after those of `system`).")),
      values: z.optional(
        doc(z.record(z.string(), z.union([z.number(), z.string()])), "The enterprise's value (企业现状值) per indicator number: a number, or I / II / III for a qualitative indicator."),
      ),
      sources: z.optional(doc(z.record(z.string(), z.string()), "Per indicator number, the name of an `annualData` item whose specific consumption is the value (数据来源).")),
      weights: z.optional(doc(z.record(z.string(), z.number()), "Per indicator number, a second-level weight that replaces (or supplies) the system's (二级权重).")),
    },
    "Benchmarking against a sector index system (清洁生产水平对标): Table 2-8.",
  );
  const horizon = object(
    {
      absolute: z.optional(num("in `unit`", "Target value (目标 绝对量), in `unit`.")),
      relative: z.optional(num("decimal, 0.1 = 10 %", "Improvement against the baseline (目标 相对量), decimal: 0.1 = 10 % lower (or higher, by `direction`).")),
    },
    "A target: its absolute value or its relative improvement (give one).",
  );
  const target = object(
    {
      item: text("Target item (项目); when it names an `annualData` item, the baseline is that item's specific consumption (or its Y0) (required).", true),
      unit: z.optional(text("Unit (单位).")),
      direction: doc(text(`Direction (方向): ${spellings(BETTER)} (required).`, true), { examples: BETTER.map((b) => b.zh) }),
      baseline: z.optional(num("in `unit`", "Baseline (现状) when the item is not in the annual data.")),
      shortTerm: z.optional(horizon),
      longTerm: z.optional(horizon),
      basis: z.optional(text("Basis (依据).")),
    },
    "One CP target (清洁生产目标).",
  );
  return { annualItem, benchmark, target };
}

let schema: ReturnType<typeof build> | undefined;

/** The case file schema (built on first use). */
export function caseFileSchema(): ReturnType<typeof build> {
  return (schema ??= build());
}

/** A case file as the schema reads it (after nulls are dropped): unknown fields stripped, no defaults but `parameters: {}`. */
export type CaseFile = z.output<ReturnType<typeof build>>;

/** One problem at a JSON path (`$.parameters.discountRate`). */
export interface SchemaIssue {
  path: string;
  /** the path as keys and indices, for taking the field out of the case */
  keys: PropertyKey[];
  message: string;
}

/** `["economics", 0, "cashFlows", 1]` → `$.economics[0].cashFlows[1]`. */
export function jsonPath(keys: readonly PropertyKey[]): string {
  return keys.reduce<string>((p, k) => (typeof k === "number" ? `${p}[${k}]` : `${p}.${String(k)}`), "$");
}

/**
 * Checks `json` against the schema: `{ ok: true, value }` or every structural problem with its
 * JSON path (one per path and message).
 */
export function parseCaseFile(json: unknown): { ok: true; value: CaseFile } | { ok: false; issues: SchemaIssue[] } {
  const r = caseFileSchema().safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  // a value of the wrong type is reported as that only (zod runs length checks on any value with a length)
  const wrongType = new Set(r.error.issues.filter((i) => i.code === "invalid_type" || i.code === "invalid_union").map((i) => jsonPath(i.path)));
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const i of r.error.issues) {
    const path = jsonPath(i.path);
    const key = `${path}\u0000${i.message}`;
    if (seen.has(key) || (wrongType.has(path) && i.code !== "invalid_type" && i.code !== "invalid_union")) continue;
    seen.add(key);
    issues.push({ path, keys: i.path, message: i.message });
  }
  return { ok: false, issues };
}

/** Documentation of `"illustrative": true`, which every object may carry (ignored by the builder). */
const ILLUSTRATIVE = {
  type: "boolean",
  description: "true: an illustrative value added for completeness, not a published or measured one (示意数据). Ignored by the builder.",
} as const;

/**
 * The published JSON Schema (draft 2020-12) of the case file, as written to
 * schemas/case.schema.json: the input side of {@link caseFileSchema} with its descriptions, plus
 * the `illustrative` flag on every object and a `$schema` field at the top for editors.
 */
export function caseJsonSchema(): Record<string, unknown> {
  const out = z.toJSONSchema(caseFileSchema(), {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "throw",
    override: (ctx) => {
      const j = ctx.jsonSchema as { type?: unknown; properties?: Record<string, unknown> };
      if (j.type === "object" && j.properties) j.properties.illustrative = { ...ILLUSTRATIVE };
    },
  }) as Record<string, unknown> & { properties: Record<string, unknown> };
  out.properties = {
    $schema: { type: "string", description: 'Path or URL of this schema, for editors (e.g. "../schemas/case.schema.json"). Ignored by the builder.' },
    ...out.properties,
  };
  return readable(out) as Record<string, unknown>;
}

/**
 * Each schema object with its `$schema`, `title`, `description` and `type` first (for people
 * reading the file); the fields of `properties` keep the schema's order.
 */
function readable(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(readable);
  if (typeof x !== "object" || x === null) return x;
  const o = x as Record<string, unknown>;
  const first = ["$schema", "title", "description", "type"].filter((k) => k in o);
  const keys = [...first, ...Object.keys(o).filter((k) => !first.includes(k))];
  return Object.fromEntries(
    keys.map((k) => {
      const v = o[k];
      const fields = k === "properties" && typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).map(([f, s]) => [f, readable(s)])) : undefined;
      return [k, fields ?? readable(v)];
    }),
  );
}

/** schemas/case.schema.json as `npm run schema` writes it (2-space JSON, final newline). */
export function caseJsonSchemaText(): string {
  return `${JSON.stringify(caseJsonSchema(), null, 2)}\n`;
}
