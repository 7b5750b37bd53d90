/**
 * The non-diagnostic guardrail, applied at load: rule text must describe intake and prompt the
 * practitioner, never tell a client they have a condition. Diagnosis is outside a dietetic app's
 * remit (and, in the EU, would make it a medical device: MDR 2017/745 Art. 2(1); MDCG 2019-11), and
 * intake logs cannot establish one. Each pattern is deliberately narrow so that describing risk in a
 * rationale ("low intake over time can contribute to iron-deficiency anaemia") stays allowed.
 */

export interface ClaimPattern {
  pattern: RegExp;
  /** Shown in the error: what was found. */
  label: string;
}

const CONDITIONS = String.raw`(?:diabetes|diabetic|pre-?diabetes|an(?:a)?emi[ac]|an(?:a)?emic|osteoporosis|osteopenia|hypertension|high blood pressure|coeliac|celiac|scurvy|rickets|malnutrition|malnourished|a deficiency|an? \w+ deficiency|\w+ deficient|deficient|an eating disorder|anorexi[ac]|bulimi[ac]|obes(?:e|ity)|kidney disease|heart disease|a disease|a disorder|a condition)`;

export const DIAGNOSTIC_PATTERNS: readonly ClaimPattern[] = [
  {
    pattern: new RegExp(
      String.raw`\byou(?:'re| are| have| suffer from| are suffering from| have got)\s+${CONDITIONS}`,
      'i',
    ),
    label: 'tells the client they have a condition',
  },
  { pattern: /\bdiagnos(?:ed|is|e|es|ing)\b(?!\s+(?:is|was)\s+not)/i, label: 'speaks of a diagnosis' },
  {
    pattern: new RegExp(
      String.raw`\b(?:indicates?|indicating|confirms?|proves?|shows?)\s+(?:that\s+)?(?:you\s+(?:have|are)\s+)?${CONDITIONS}`,
      'i',
    ),
    label: 'claims the data show a condition',
  },
  { pattern: /\bindicates?\s+(?:an(?:a)?emia|diabetes)\b/i, label: 'claims the data show a condition' },
  { pattern: /\bthis means (?:that )?you (?:are|have)\b/i, label: 'draws a medical conclusion about the client' },
  { pattern: /\bdisorders?\b/i, label: "names a disorder (leave conditions to the practitioner's judgement)" },
  { pattern: /\bdeficiency diseases?\b/i, label: 'names a deficiency disease' },
  {
    pattern: /\bsigns? of (?:an? )?(?:disease|disorder|deficiency|an(?:a)?emia|diabetes)\b/i,
    label: 'reads symptoms as a condition',
  },
];

export interface ClaimHit {
  index: number;
  text: string;
  label: string;
}

/** The first diagnostic claim in the text, or null. */
export function findDiagnosticClaim(text: string): ClaimHit | null {
  let best: ClaimHit | null = null;
  for (const { pattern, label } of DIAGNOSTIC_PATTERNS) {
    const m = pattern.exec(text);
    if (m && (best === null || m.index < best.index)) best = { index: m.index, text: m[0], label };
  }
  return best;
}
