// A tree view's message, set only when it changes. VS Code refreshes a view for each message set, and
// holds back a refresh that follows another within 200 ms until those 200 ms are over: a message set
// with every change of the rows would delay the rows themselves by 200 ms.
import type * as vscode from 'vscode';

export function setViewMessage(view: vscode.TreeView<unknown>, message: string): void {
  if ((view.message ?? '') !== message) view.message = message;
}
