/**
 * The stack configuration as the program and the offline tools validate it: the shape of every key
 * (schema.ts), then the rules that span several keys (stackRules.ts).
 */
import { stackShape } from "./schema";
import { checkStack } from "./stackRules";

export const stackConfigSchema = stackShape.superRefine(checkStack);
