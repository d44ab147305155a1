// The review part: "Create Tasks from TODOs…", its panels, and their return after a window reload.
import { Commands } from '../../core/contract';
import { ReviewPanels } from '../bulk/reviewPanels';
import { resolveScope } from '../bulk/scan';
import { memberDirectory } from '../owners';
import type { Part, PartHost } from '../parts';
import { documentTodos } from '../todos/documents';

export function start(host: PartHost): Part {
  const todos = host.shared(documentTodos);
  const panels = new ReviewPanels({ ...host, directory: host.shared(memberDirectory), todos });
  return {
    commands: {
      [Commands.createTasksFromTodos]: async (...args) => {
        const scope = await resolveScope(args, todos);
        if (scope !== undefined) await panels.show(scope);
      },
    },
    restorePanel: (panel, state) => panels.restore(panel, state),
    dispose: () => panels.dispose(),
  };
}
