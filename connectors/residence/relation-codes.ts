// The residence system's relation-to-head codes differ from the hub's list
// (schemas/household-relation.ts) in two places; everything else is the same code.
//   source 06 child-in-law -> hub 08 (in-law);  source 07 sibling -> hub 06
const SOURCE_TO_HUB: Record<string, string> = { '06': '08', '07': '06' }

export const hubRelationCode = (sourceCode: string): string => SOURCE_TO_HUB[sourceCode] ?? sourceCode
