// The sign-in part: the token box, its check against Tallyfy, and the organization picker.
import { Commands } from '../../core/contract';
import { signIn, switchOrganization } from '../auth/signIn';
import type { Part, PartHost } from '../parts';

export function start(host: PartHost): Part {
  return {
    commands: {
      [Commands.signIn]: () => signIn(host.session, host.log),
      [Commands.switchOrganization]: () => switchOrganization(host.session),
    },
    dispose: () => undefined,
  };
}
