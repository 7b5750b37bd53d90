import { createElement as h, type ReactElement, type ReactNode } from 'react';
import type { NutrientStatus } from '../../contract/log.ts';
import type { Plan, PlanEntry, PlanSlot } from '../../contract/plans.ts';
import { printDocument, type Practitioner } from '../../reports/print-document.ts';
import type { PageSize } from '../../reports/pdf.ts';
import { formatNumber, targetsTable } from '../../reports/render-html.ts';
import type { ShoppingListItem } from './shopping.ts';

/**
 * The meal-plan handout: what the client takes home. A week grid to see the plan at a glance, then each
 * day's meals with household measures and the practitioner's notes, the recipes used, and a shopping
 * list by store section. Energy and nutrient figures are printed only when the practitioner chose to
 * show them, and never for an eating-disorder-sensitive client, whatever was chosen: then nothing in
 * the handout is a nutrient figure or energy wording (food amounts stay: the client needs them to
 * follow the plan).
 */

export interface HandoutRecipe {
  name: string;
  servings: number;
  ingredients: { name: string; grams: number }[];
}

export interface HandoutModel {
  title: string;
  clientName: string;
  practitioner: Practitioner;
  plan: Plan;
  /** Whether nutrient figures are printed (the plan's choice, and never for ED-sensitive clients). */
  showNumbers: boolean;
  recipes: HandoutRecipe[];
  shopping: ShoppingListItem[];
  generatedAt: string;
}

/** The figures a day's line shows when numbers are printed, in this order. */
const DAY_FIGURES = ['energyKcal', 'proteinG', 'carbG', 'fatG', 'fibreG'] as const;

const HANDOUT_CSS = `
table.week { table-layout: fixed; font-size: 8.5pt; }
table.week th, table.week td { border: 1px solid #bbb; padding: 2pt 3pt; }
table.week td { word-wrap: break-word; }
.day { break-inside: avoid; page-break-inside: avoid; margin-bottom: 8pt; }
.slot { margin: 3pt 0 3pt 0; }
.slot h4 { font-size: 10pt; margin: 0; }
.slot ul { margin: 1pt 0 0 14pt; padding: 0; }
.alt { color: #333; font-style: italic; }
.note { color: #333; font-size: 9.5pt; white-space: pre-wrap; }
.figures { font-size: 9pt; color: #333; }
.shopping h3 { margin-top: 6pt; }
.page-break { break-before: page; page-break-before: always; }
`;

const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** The calendar date of plan day `day` (day 1 is the start date). */
export function planDate(startDate: string, day: number): string {
  return new Date(Date.parse(`${startDate}T00:00:00Z`) + (day - 1) * 86_400_000).toISOString().slice(0, 10);
}

function dayTitle(plan: Plan, day: number): string {
  return `Day ${day} · ${weekday.format(new Date(`${planDate(plan.startDate, day)}T00:00:00Z`))}`;
}

function entriesOf(plan: Plan, day: number, slot: string): { main: PlanEntry; alternatives: PlanEntry[] }[] {
  const here = plan.entries.filter((e) => e.day === day && e.slot === slot).sort((a, b) => a.position - b.position);
  return here
    .filter((e) => e.altOf === null)
    .map((main) => ({ main, alternatives: here.filter((e) => e.altOf === main.id) }));
}

const itemText = (e: PlanEntry): string => `${e.food.amountLabel} ${e.food.name}`;

function weekGrid(plan: Plan, firstDay: number): ReactElement {
  const days = Array.from({ length: Math.min(7, plan.days - firstDay + 1) }, (_, i) => firstDay + i);
  return h(
    'table',
    { className: 'week', key: `week-${firstDay}` },
    h(
      'thead',
      null,
      h('tr', null, h('th', null, ''), ...days.map((d) => h('th', { key: d, scope: 'col' }, dayTitle(plan, d)))),
    ),
    h(
      'tbody',
      null,
      ...plan.slots.map((slot) =>
        h(
          'tr',
          { key: slot.key },
          h('th', { scope: 'row' }, slot.label),
          ...days.map((d) =>
            h(
              'td',
              { key: d },
              entriesOf(plan, d, slot.key)
                .map(({ main, alternatives }) =>
                  [main.food.name, ...alternatives.map((a) => `or ${a.food.name}`)].join(' '),
                )
                .join('; ') || '—',
            ),
          ),
        ),
      ),
    ),
  );
}

function figuresLine(statuses: NutrientStatus[] | null): ReactNode {
  if (!statuses) return null;
  const shown = DAY_FIGURES.map((k) => statuses.find((s) => s.key === k)).filter(
    (s): s is NutrientStatus => s !== undefined && s.value !== null,
  );
  if (!shown.length) return null;
  return h(
    'p',
    { className: 'figures' },
    shown.map((s) => `${s.label} ${formatNumber(s.value)} ${s.unit}`).join(' · '),
  );
}

function slotBlock(plan: Plan, day: number, slot: PlanSlot): ReactNode {
  const items = entriesOf(plan, day, slot.key);
  const note = plan.notes.find((n) => n.day === day && n.slot === slot.key)?.text;
  if (!items.length && !note) return null;
  return h(
    'div',
    { className: 'slot', key: slot.key },
    h('h4', null, slot.time ? `${slot.label} (${slot.time})` : slot.label),
    h(
      'ul',
      null,
      ...items.map(({ main, alternatives }) =>
        h(
          'li',
          { key: main.id },
          itemText(main),
          main.note ? h('span', { className: 'note' }, ` — ${main.note}`) : null,
          ...alternatives.map((a) => h('div', { key: a.id, className: 'alt' }, `or ${itemText(a)}`)),
        ),
      ),
    ),
    note ? h('p', { className: 'note' }, note) : null,
  );
}

function dayBlock(m: HandoutModel, day: number): ReactElement {
  const plan = m.plan;
  const note = plan.notes.find((n) => n.day === day && n.slot === null)?.text;
  const totals = plan.dayTotals.find((t) => t.day === day);
  return h(
    'section',
    { className: 'day', key: day },
    h('h3', null, dayTitle(plan, day)),
    note ? h('p', { className: 'note' }, note) : null,
    ...plan.slots.map((slot) => slotBlock(plan, day, slot)),
    m.showNumbers ? figuresLine(totals?.statuses ?? null) : null,
  );
}

function averageTable(m: HandoutModel): ReactNode {
  const statuses = m.plan.average.statuses;
  if (!m.showNumbers || !statuses) return null;
  return h(
    'section',
    { key: 'average' },
    h('h2', null, 'The plan against your targets (daily average)'),
    targetsTable(
      'Plan average',
      statuses.filter((st) => st.status !== 'untracked'),
    ),
  );
}

function recipesSection(m: HandoutModel): ReactNode {
  if (!m.recipes.length) return null;
  return h(
    'section',
    { key: 'recipes', className: 'page-break' },
    h('h2', null, 'Recipes'),
    ...m.recipes.map((r) =>
      h(
        'div',
        { key: r.name, className: 'day' },
        h('h3', null, `${r.name} (makes ${formatNumber(r.servings)} serving${r.servings === 1 ? '' : 's'})`),
        h('ul', null, ...r.ingredients.map((i, k) => h('li', { key: k }, `${Math.round(i.grams)} g ${i.name}`))),
      ),
    ),
  );
}

function shoppingSection(m: HandoutModel): ReactNode {
  const sections = [...new Set(m.shopping.map((i) => i.storeSection))];
  return h(
    'section',
    { key: 'shopping', className: 'shopping page-break' },
    h('h2', null, `Shopping list for the ${m.plan.days} day${m.plan.days === 1 ? '' : 's'}`),
    m.shopping.length ? null : h('p', null, 'The plan has no foods yet, so there is nothing to buy.'),
    ...sections.map((section) =>
      h(
        'div',
        { key: section },
        h('h3', null, section),
        h(
          'ul',
          null,
          ...m.shopping
            .filter((i) => i.storeSection === section)
            .map((i) => h('li', { key: i.foodId }, `${i.name}: ${i.amountLabel}`)),
        ),
      ),
    ),
    h('p', { className: 'muted' }, 'Alternatives marked “or” are not included: buy for the ones you choose.'),
  );
}

export function renderHandoutHtml(m: HandoutModel, opts: { pageSize: PageSize }): string {
  const weeks = Array.from({ length: Math.ceil(m.plan.days / 7) }, (_, i) => i * 7 + 1);
  const days = Array.from({ length: m.plan.days }, (_, i) => i + 1);
  return printDocument({
    title: m.title,
    practitioner: m.practitioner,
    pageSize: opts.pageSize,
    css: HANDOUT_CSS,
    body: [
      h('h1', { key: 'title' }, m.title),
      h(
        'p',
        { key: 'for', className: 'muted' },
        `For ${m.clientName} · from ${m.plan.startDate}, ${m.plan.days} day${m.plan.days === 1 ? '' : 's'} · prepared ${m.generatedAt.slice(0, 10)}`,
      ),
      h('section', { key: 'weeks' }, h('h2', null, 'At a glance'), ...weeks.map((w) => weekGrid(m.plan, w))),
      averageTable(m),
      h(
        'section',
        { key: 'days', className: 'page-break' },
        h('h2', null, 'Day by day'),
        ...days.map((d) => dayBlock(m, d)),
      ),
      recipesSection(m),
      shoppingSection(m),
    ],
  });
}
