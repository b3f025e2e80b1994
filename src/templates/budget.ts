/**
 * How much Markdown one render may produce. Three nested `{{#each}}` over long lists can make
 * megabytes of Markdown and gigabytes of layout; the budget stops the render at the loop that
 * passes it, before the memory is gone. Loop output is counted at every level of nesting (an inner
 * loop's text again in the outer one), so the count is an upper bound of the work done.
 */
import type Handlebars from 'handlebars';
import { HelperArgumentError } from './helpers.js';

/** Characters of Markdown per document (the sample handbook is about 0.1 MB). */
export const MAX_TEMPLATE_OUTPUT = 8 * 1024 * 1024;

export class OutputBudget {
  private used = 0;

  add(chars: number): void {
    this.used += chars;
    if (this.used > MAX_TEMPLATE_OUTPUT) {
      throw new HelperArgumentError(
        `hasil template melebihi batas ${MAX_TEMPLATE_OUTPUT / 1024 / 1024} MB teks per dokumen`,
        'template mengulang terlalu banyak ({{#each}} di dalam {{#each}}); kurangi pengulangan bersarang',
      );
    }
  }

  reset(): void {
    this.used = 0;
  }
}

/** `each` that charges every iteration's output to `budget`. */
export function budgetedEach(each: Handlebars.HelperDelegate, budget: OutputBudget): Handlebars.HelperDelegate {
  return function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
    const fn = (ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
      const out = options.fn(ctx, opts);
      budget.add(out.length);
      return out;
    };
    return each.call(this, context, { ...options, fn });
  } as Handlebars.HelperDelegate;
}
