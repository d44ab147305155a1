// The review's words in English, as the extension sends them when VS Code's language is English. The
// stub leaves `{name}`-style placeholders as they are, for the page to fill.
import type { BulkStrings } from '../../../src/core/bulk/protocol';
import { reviewStrings, type ReviewL10n } from '../../../src/editor/bulk/strings';

const english = { t: (message: string | { message: string }) => (typeof message === 'string' ? message : message.message) } as ReviewL10n;

export const ENGLISH: BulkStrings = reviewStrings(english);
