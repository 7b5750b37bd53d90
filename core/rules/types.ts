/**
 * Shared types of the rule engine (issue 5). The loader (loader.ts) turns YAML files into RuleDefs;
 * the features module (features.ts) computes a client's Variables; the engine (engine.ts) evaluates
 * RuleDefs against Variables in a worker with a watchdog and applies the guardrails (guardrails.ts).
 */

/** Where a problem is: file, 1-based line and column, and the offending line with a caret under it. */
export interface RuleError {
  file: string;
  line: number;
  column: number;
  message: string;
  /** e.g. "  when: features.fibre_7d_mean < tragets.fibre\n                               ^" */
  excerpt: string;
  ruleId: string | null;
}

export type Severity = 'info' | 'low' | 'medium' | 'high';

export interface Suggestion {
  text: string;
  /** e.g. ['animal-product'], ['fish'], ['dairy'] */
  tags: string[];
  /** Allergens the suggestion contains, e.g. ['peanut', 'milk']. */
  contains: string[];
}

export interface RuleDef {
  id: string;
  title: string;
  version: number;
  description: string;
  file: string;
  /** 'builtin' (rules/ in the app) or 'user' (the practitioner's rules folder). */
  origin: 'builtin' | 'user';
  appliesTo: {
    dietPatterns: string[] | null;
    minAge: number | null;
    maxAge: number | null;
    /** 'none' | 'pregnant' | 'lactating' */
    lifeStages: string[] | null;
    tags: string[] | null;
    /** Medical conditions (core/contract/common.ts CONDITIONS): the rule applies when the client has any. */
    conditions: string[] | null;
    /** Goals (maintenance, loss, gain, sport): the rule applies when the client's goal is one of them. */
    goals: string[] | null;
  };
  /** The CEL source, type-checked to bool at load. */
  when: string;
  then: {
    /** May contain {{features.x}} / {{targets.y}} / {{client.z}} placeholders. */
    message: string;
    /**
     * The same point for the client's own report: second person, no practitioner terms, same
     * placeholders. Null: the client report shows the title and suggestions only.
     */
    clientMessage: string | null;
    rationale: string;
    severity: Severity;
    category: string;
    suggestions: Suggestion[];
    /** Replacements used for vegan/vegetarian clients when animal-product suggestions are removed. */
    alternatives: Suggestion[];
  };
  guardrails: {
    /** Hidden for clients marked eating-disorder sensitive (calorie-focused rules). */
    calorieFocused: boolean;
    /** 'skip' = not for pregnant or lactating clients; 'caution' adds a note; 'none'. */
    pregnancy: 'skip' | 'caution' | 'none';
  };
  cooldownDays: number;
  expiresInDays: number;
  references: string[];
  /** The variables the condition reads (for "see why" and for confidence). */
  reads: string[];
}

/** The values a rule can read, by group: features.*, targets.*, limits.*, client.*, forecast.* and measures.*. */
export interface Variables {
  features: Record<string, number | null>;
  targets: Record<string, number | null>;
  /**
   * Tolerable Upper Intake Levels for the client's life stage (null where none bounds food intake).
   * Optional so hand-built variables in tests need not carry it.
   */
  limits?: Record<string, number | null>;
  client: Record<string, string | number | boolean | string[] | null>;
  /**
   * The intake model on the most recent logged day (core/forecast). Always filled by computeVariables;
   * optional so hand-built variables in tests need not carry it (a rule reading it then reports the
   * variable as not provided).
   */
  forecast?: Record<string, number | boolean | null>;
  /**
   * The client's measurements (core/measures) as of the evaluation date. Always filled by
   * computeVariables; optional so hand-built variables in tests need not carry it.
   */
  measures?: Record<string, number | null>;
}
