// Types of scripts/functions-metadata.mjs (plain ESM JavaScript, not type-checked) for the tests that import it.
// A pattern, since an ambient module cannot be named by a relative path; it matches only that script.
declare module "*/scripts/functions-metadata.mjs" {
  /** One argument of a custom function in the metadata (functions.json). */
  export interface FunctionParameter {
    name: string;
    description?: string;
    optional?: boolean;
    dimensionality?: string;
    type?: string;
  }
  /** One custom function in the metadata. */
  export interface FunctionMetadata {
    id: string;
    name: string;
    description?: string;
    parameters: FunctionParameter[];
    result: { type?: string; dimensionality?: string };
  }
  /** functions.json (or functions-zh-cn.json). */
  export interface Metadata {
    functions: FunctionMetadata[];
  }
  /** src/functions/functions.zh-CN.json: id → description and argument help by parameter name. */
  export type ZhDictionary = Record<string, { description: string; parameters: Record<string, string> }>;

  export const root: string;
  export const functionsSource: string;
  export const zhDictionaryPath: string;
  /** Longest description / argument help accepted. */
  export const MAX_DESCRIPTION: number;
  export function generateMetadata(file?: string): Promise<Metadata>;
  /** The `@remarks` text of each custom function, by id. */
  export function readRemarks(file?: string): Map<string, string>;
  export function readZhDictionary(): ZhDictionary;
  /** A deep copy of `metadata` with the descriptions from `dictionary`; throws on a missing, empty, too long or extra entry. */
  export function localizeMetadata(metadata: Metadata, dictionary: ZhDictionary): Metadata;
  export function renderFunctionsMarkdown(metadata: Metadata, zh: Metadata, remarks?: Map<string, string>): string;
  export function renderHelpHtml(metadata: Metadata, zh: Metadata): string;
}
