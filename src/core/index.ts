/**
 * core: the audit method's mathematics (engineering guide §1). Pure functions, no Office, React,
 * DOM or Node. Every failure is a CpError carrying an Excel error code and a message.
 */
export * from "./errors";
export * from "./finance";
export * from "./balance";
export * from "./scoring";
export * from "./units";
export * from "./finance-native";
export * from "./energy-carbon";
