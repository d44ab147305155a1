// The task form part: the "New Tallyfy task" panels and the quick create.
import { Commands } from '../../core/contract';
import { TaskForms, type FormDeps } from '../form/formPanel';
import { memberDirectory } from '../owners';
import type { Part, PartHost } from '../parts';
import { confirmUnlinked, quickCreate, resolveTarget } from '../todos/createFromTodo';
import { documentTodos } from '../todos/documents';

/** What the extension's API creates tasks with (see api.ts). */
export { createTask } from '../taskCreation';

export function start(host: PartHost): Part {
  const deps: FormDeps = { ...host, directory: host.shared(memberDirectory), todos: host.shared(documentTodos) };
  const forms = new TaskForms(deps);
  return {
    commands: {
      [Commands.quickCreateTaskFromTodo]: (...args) => quickCreate(deps, args, (target) => forms.show(target)),
      [Commands.createTaskFromTodo]: async (...args) => {
        const started = performance.now();
        const target = await resolveTarget(args, deps.todos);
        if (target !== undefined && (await confirmUnlinked(target, deps))) {
          forms.show(target);
          host.log.info(`Task form opened in ${(performance.now() - started).toFixed(1)} ms`);
        }
      },
    },
    dispose: () => forms.dispose(),
  };
}
