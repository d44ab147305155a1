// The extension's settings, validated at the boundary: a value of the wrong shape (hand-edited
// settings.json) falls back to its default and is reported, never passed on.
import * as z from 'zod/mini';
import { onFirstUse } from './firstUse';
import { CreateOpensModes, SettingDefaults, TodoRemovedModes, WriteBackModes, type SettingKey, type Settings } from './contract';

const trimmed = (min: number) => z.string().check(z.trim(), z.minLength(min, `must not be empty`));
const integer = (min: number, max: number) =>
  z.int().check(z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`));

/** Each setting's schema, built the first time the setting is read (see firstUse.ts). */
const schemas: { readonly [K in SettingKey]: () => z.ZodMiniType<Settings[K]> } = {
  apiBaseUrl: onFirstUse(() => trimmed(1)),
  organizationId: onFirstUse(() => trimmed(0)),
  todoKeywords: onFirstUse(() => z.readonly(z.array(trimmed(1)))),
  writeBack: onFirstUse(() => z.enum(WriteBackModes)),
  defaultDeadlineDays: onFirstUse(() => integer(0, 365)),
  createOpens: onFirstUse(() => z.enum(CreateOpensModes)),
  contextLines: onFirstUse(() => integer(0, 50)),
  codeLens: onFirstUse(() => z.boolean()),
  requestTimeoutSeconds: onFirstUse(() => integer(5, 300)),
  autoRefreshMinutes: onFirstUse(() => integer(0, 1440)),
  completedTaskDiagnostics: onFirstUse(() => z.boolean()),
  taskUrlTemplate: onFirstUse(() => trimmed(0)),
  onTodoRemoved: onFirstUse(() => z.enum(TodoRemovedModes)),
  maxLinkedTasks: onFirstUse(() => integer(0, 100_000)),
};

export interface SettingProblem {
  readonly key: SettingKey;
  readonly message: string;
}

/** Reads one setting from `raw` (undefined means "not set"), falling back to the default when invalid. */
export function parseSetting<K extends SettingKey>(
  key: K,
  raw: unknown,
): { value: Settings[K]; problem?: SettingProblem } {
  if (raw === undefined) {
    return { value: SettingDefaults[key] };
  }
  const result = schemas[key]().safeParse(raw);
  if (result.success) {
    return { value: result.data };
  }
  const message = result.error.issues[0]?.message ?? 'invalid value';
  return { value: SettingDefaults[key], problem: { key, message } };
}

export const settingKeys = Object.keys(SettingDefaults) as SettingKey[];
