// The form's words in English, as the extension sends them when VS Code's language is English.
import type { FormStrings } from '../../../src/core/form/strings';
import { formStrings, type FormL10n } from '../../../src/editor/form/strings';

const english = { t: (message: string | { message: string }) => (typeof message === 'string' ? message : message.message) } as FormL10n;

export const ENGLISH: FormStrings = formStrings(english);
