// The details page's words in English, as the extension sends them when VS Code's language is English.
// The stub leaves `{name}`-style placeholders as they are, for the page to fill.
import type { DetailsStrings } from '../../../src/core/details/protocol';
import { detailsStrings } from '../../../src/editor/details/strings';

const english = { t: (message: string | { message: string }) => (typeof message === 'string' ? message : message.message) } as Parameters<typeof detailsStrings>[0];

export const ENGLISH: DetailsStrings = detailsStrings(english);
