// Links into the Tallyfy web app. No documented URL opens a single task: a process has one, and the
// user may configure a template; otherwise the caller opens the web app home and offers the task id.

export const WEB_APP_HOME = 'https://go.tallyfy.com/';

/** Where a personal access token is made (Settings → Integrations → REST API). */
export const TOKEN_PAGE_URL = 'https://go.tallyfy.com/#/settings/integrations';

/** The documented link to a process (run). */
export function processUrl(orgId: string, runId: string): string {
  return `https://go.tallyfy.com/${encodeURIComponent(orgId)}/processes/${encodeURIComponent(runId)}`;
}

const PLACEHOLDERS: Readonly<Record<string, 'org' | 'task'>> = {
  '{orgId}': 'org',
  '{org}': 'org',
  '{taskId}': 'task',
  '{id}': 'task',
};

/** Fills `{orgId}`/`{org}` and `{taskId}`/`{id}` with URL-encoded values. */
export function fillTaskUrlTemplate(template: string, orgId: string, taskId: string): string {
  return template.replace(/\{orgId\}|\{org\}|\{taskId\}|\{id\}/g, (placeholder) =>
    encodeURIComponent(PLACEHOLDERS[placeholder] === 'org' ? orgId : taskId),
  );
}

/**
 * Why a task URL template cannot be used, or undefined when it can (an empty template is fine: it
 * means "not set"). The template must name the task and give an https URL.
 */
export function checkTaskUrlTemplate(template: string): string | undefined {
  const text = template.trim();
  if (text === '') return undefined;
  if (!/\{taskId\}|\{id\}/.test(text)) {
    return 'The task link template must contain {taskId}.';
  }
  try {
    const url = new URL(fillTaskUrlTemplate(text, 'org', 'task'));
    if (url.protocol !== 'https:') {
      return 'The task link template must be an https URL.';
    }
  } catch {
    return 'The task link template must be an https URL.';
  }
  return undefined;
}

export interface TaskLinkInput {
  readonly orgId: string;
  readonly taskId: string;
  readonly runId?: string | undefined;
  /** The user's `taskUrlTemplate` setting. */
  readonly template?: string | undefined;
}

/**
 * The web-app link for a task: its process when it has a run id, else the user's template when set and
 * valid, else undefined, meaning "open {@link WEB_APP_HOME} and offer to copy the task id".
 */
export function taskWebLink(input: TaskLinkInput): string | undefined {
  if (input.runId !== undefined && input.runId.trim() !== '') {
    return processUrl(input.orgId, input.runId.trim());
  }
  const template = input.template?.trim() ?? '';
  if (template !== '' && checkTaskUrlTemplate(template) === undefined) {
    return fillTaskUrlTemplate(template, input.orgId, input.taskId);
  }
  return undefined;
}
