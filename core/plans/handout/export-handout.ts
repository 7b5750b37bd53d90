import type { Food } from '../../contract/foods.ts';
import type { Plan } from '../../contract/plans.ts';
import { slugify } from '../../export/client-export.ts';
import type { PageSize, PdfRenderer } from '../../reports/pdf.ts';
import type { Practitioner } from '../../reports/print-document.ts';
import { pdfPageCount, type ReportFileResult } from '../../reports/reports-service.ts';
import type { HandoutModel, HandoutRecipe } from './render-handout.ts';
import { buildShoppingList, type ShoppingLookup } from './shopping.ts';

/**
 * The plan handout as a PDF, printed by the same printer as the client reports and under the same
 * branding. Nothing about the client is logged here.
 */

export interface HandoutDeps extends ShoppingLookup {
  printer: () => PdfRenderer;
  practitioner: () => Practitioner;
  now: () => number;
}

export function handoutFileName(clientName: string, plan: Pick<Plan, 'name' | 'startDate'>): string {
  return `meal-plan-${slugify(clientName)}-${slugify(plan.name) || 'plan'}-${plan.startDate}.pdf`;
}

/** The recipes the plan uses (main entries and alternatives), each once, in the order first used. */
function recipesOf(plan: Plan, food: (id: string) => Food | null): HandoutRecipe[] {
  const seen = new Set<string>();
  const out: HandoutRecipe[] = [];
  for (const e of [...plan.entries].sort((a, b) => a.day - b.day || a.position - b.position)) {
    if (seen.has(e.food.id)) continue;
    seen.add(e.food.id);
    const recipe = food(e.food.id)?.recipe;
    if (recipe) {
      out.push({
        name: e.food.name,
        servings: recipe.servings,
        ingredients: recipe.ingredients.map((i) => ({ name: i.name, grams: i.grams })),
      });
    }
  }
  return out;
}

export function handoutModel(deps: HandoutDeps, plan: Plan, clientName: string): HandoutModel {
  return {
    title: `Meal plan: ${plan.name}`,
    clientName,
    practitioner: deps.practitioner(),
    plan,
    // The plan's choice, overruled for an eating-disorder-sensitive client (numbersHidden).
    showNumbers: plan.showNumbers && !plan.numbersHidden,
    recipes: recipesOf(plan, (id) => deps.food(id)),
    shopping: buildShoppingList(plan, deps),
    generatedAt: new Date(deps.now()).toISOString(),
  };
}

/** The handout's HTML renderer (React's server renderer) is imported with the first handout. */
const renderer = () => import('./render-handout.ts');

export async function exportHandout(
  deps: HandoutDeps,
  plan: Plan,
  clientName: string,
  pageSize: PageSize,
): Promise<ReportFileResult> {
  void deps.printer().prepare?.();
  const model = handoutModel(deps, plan, clientName);
  const html = (await renderer()).renderHandoutHtml(model, { pageSize });
  const bytes = await deps.printer().render(html, {
    pageSize,
    title: model.title,
    author: model.practitioner.name || 'BioAI Nutrition',
    subject: `Meal plan from ${plan.startDate}, ${plan.days} days`,
    footerLabel: `${clientName} · ${plan.name}`,
  });
  return {
    fileName: handoutFileName(clientName, plan),
    dataBase64: Buffer.from(bytes).toString('base64'),
    pages: await pdfPageCount(bytes),
    bytes: bytes.byteLength,
  };
}
