/** The index systems shipped in src/data/index-systems (WS2-8), by the id a case names (`benchmark.system`). */
export const INDEX_SYSTEM_IDS = ["pcb", "electroplating", "hazardous-waste-incineration"] as const;
export type IndexSystemId = (typeof INDEX_SYSTEM_IDS)[number];
