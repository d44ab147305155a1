// A task named by what a user pastes: its id, its `tallyfy:<id>` reference, or a Tallyfy link holding
// it. Tallyfy documents no address for a single task, so a link is read for the 32-hex ids it holds;
// the organization's own id (a link's first segment) is not the task's.

const HEX_ID = /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/gi;

/** The task id in pasted text, or undefined when it names none (or several that are not the organization). */
export function pastedTaskId(text: string, orgId: string): string | undefined {
  const ids = [...new Set([...text.trim().matchAll(HEX_ID)].map((m) => m[0].toLowerCase()))].filter((id) => id !== orgId.toLowerCase());
  return ids.length === 1 ? ids[0] : undefined;
}
