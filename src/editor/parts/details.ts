// The task details part: "Show Task Details", its "Tallyfy task" panels and their return after a window
// reload.
import { Commands } from '../../core/contract';
import { DetailsPanels } from '../details/panels';
import { memberDirectory } from '../owners';
import type { Part, PartHost } from '../parts';

export function start(host: PartHost): Part {
  const panels = new DetailsPanels({ ...host, directory: host.shared(memberDirectory) });
  return {
    commands: {
      [Commands.showTaskDetails]: (arg) => panels.show(arg),
    },
    restorePanel: (panel, state) => panels.restore(panel, state),
    dispose: () => panels.dispose(),
  };
}
