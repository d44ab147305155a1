// Texts with `{name}` placeholders, filled in where they are shown (the pages cannot call vscode.l10n).

/** Fills `{name}` placeholders; unknown ones are left as they are, and a value is never filled again. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole));
}
