// One process's share of the concurrent store test: adds, title changes and removals of its own
// records, and additions to one record both processes change.
import type { TaskRecord } from '../../../src/core/records/record';
import { sampleRecord } from './fixtures';

export const SHARED_ID = 'f'.repeat(32);

export type Step =
  | { readonly kind: 'add'; readonly record: TaskRecord }
  | { readonly kind: 'title'; readonly id: string; readonly title: string }
  | { readonly kind: 'remove'; readonly id: string }
  | { readonly kind: 'shared'; readonly name: string };

const idOf = (name: string, i: number): string => `${Buffer.from(name).toString('hex')}${i.toString(16)}`.padEnd(32, '0');

/** `count` steps for the process called `name` (a short lower-case word): 2 adds, a title change, a removal and a shared change in every 5. */
export function planOf(name: string, count: number): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const base = i - (i % 5);
    switch (i % 5) {
      case 0:
      case 1:
        steps.push({ kind: 'add', record: sampleRecord({ id: idOf(name, i), title: `${name} ${i}`, createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString() }) });
        break;
      case 2:
        steps.push({ kind: 'title', id: idOf(name, base + 1), title: `${name} ${base + 1} renamed` });
        break;
      case 3:
        steps.push({ kind: 'remove', id: idOf(name, base) });
        break;
      default:
        steps.push({ kind: 'shared', name: `${name} ${i}` });
    }
  }
  return steps;
}

/** The records `planOf(name, count)` leaves: id → title. */
export function expectedOf(name: string, count: number): Map<string, string> {
  const titles = new Map<string, string>();
  for (const step of planOf(name, count)) {
    if (step.kind === 'add') titles.set(step.record.id, step.record.title);
    else if (step.kind === 'title' && titles.has(step.id)) titles.set(step.id, step.title);
    else if (step.kind === 'remove') titles.delete(step.id);
  }
  return titles;
}

/** The names `planOf(name, count)` adds to the shared record. */
export function sharedNamesOf(name: string, count: number): string[] {
  return planOf(name, count).flatMap((step) => (step.kind === 'shared' ? [step.name] : []));
}
