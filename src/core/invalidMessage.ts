// How a message a webview sent fails its schema, in one line for the log: its type and the paths of the
// first few problems, never its values (they may hold what the user typed).

interface Schema {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }> } };
}

export function describeInvalidMessage(schema: Schema, data: unknown): string {
  const result = schema.safeParse(data);
  if (result.success) return 'valid';
  const type = data !== null && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string'
    ? String((data as { type: string }).type).slice(0, 40)
    : typeof data;
  const paths = result.error.issues.slice(0, 5).map((issue) => issue.path.map(String).join('.') || '(message)');
  return `invalid message "${type}" at ${paths.join(', ')}`;
}
