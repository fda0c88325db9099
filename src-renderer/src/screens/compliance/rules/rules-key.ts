/** The query the rules table reads; a rule save reloads it. */
export const RULES_KEY = ['complianceAdmin.rules'] as const;
