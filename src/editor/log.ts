import * as vscode from 'vscode';

/** The logger shape the pure modules accept: plain messages, never secrets. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/** The extension's one log: a LogOutputChannel named "Tallyfy" (Output view, level set by the user). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Tallyfy', { log: true });
}
