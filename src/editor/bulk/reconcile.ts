import * as vscode from 'vscode';
import { matchRecords, type ReviewRow } from '../../core/bulk';
import type { TaskRecord } from '../../core/records';
import { formatReference } from '../../core/todo';
import { readWorkspaceText } from '../workspaceFiles';

/**
 * Rows whose task a record shows was created are created, whatever the stored state said (see
 * `matchRecords`). Whether the reference is in the TODO is read from its file.
 */
export async function reconcileWithRecords(rows: readonly ReviewRow[], records: readonly TaskRecord[]): Promise<ReviewRow[]> {
  const matched = matchRecords(rows, records);
  return Promise.all(
    rows.map(async (row) => {
      const record = matched.get(row.key);
      if (record === undefined) return row;
      const text = (await readWorkspaceText(vscode.Uri.parse(row.uri)))?.text ?? '';
      return { ...row, checked: false, state: { kind: 'created', taskId: record.id, written: text.includes(formatReference(record.id)) } };
    }),
  );
}
