// The names of Tallyfy's form field types, in the user's language, as Tallyfy's web app names them:
// stated once for the task form (its type list) and a task's details (what a field is).
import type * as vscode from 'vscode';
import type { FormFieldType } from '../../core/tallyfy/schema';

export function fieldTypeNames(l10n: Pick<typeof vscode.l10n, 't'>): Readonly<Record<FormFieldType, string>> {
  return {
    text: l10n.t('Short text'),
    textarea: l10n.t('Long text'),
    date: l10n.t('Date'),
    dropdown: l10n.t('Dropdown list'),
    multiselect: l10n.t('Checklist'),
    radio: l10n.t('Radio buttons'),
    file: l10n.t('File upload'),
    table: l10n.t('Table'),
    assignees_form: l10n.t('Assignee picker'),
  };
}
