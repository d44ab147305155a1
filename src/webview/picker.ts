// A combobox that picks several items (people, groups, guests or tags) and shows them as removable
// chips. The list follows the ARIA combobox pattern: focus stays in the text box and the active option
// is named by aria-activedescendant.
import type { Choice } from '../core/form/model';
import { clear, el, setAttr, setText } from './dom';

export interface PickerConfig {
  /** The text box's id; its visible label is a `<label for>` made here. */
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly removeLabel: (name: string) => string;
  readonly selectedLabel: string;
  /** The list's accessible name ("Suggestions"); it must not repeat the field's label. */
  readonly listLabel: string;
  readonly noMatches: string;
  readonly suggestions: (query: string) => Choice[];
  readonly chosen: () => Choice[];
  readonly onAdd: (choice: Choice) => void;
  readonly onRemove: (choice: Choice) => void;
  /** Called as the user types (already debounced by the caller if needed). */
  readonly onQuery?: (query: string) => void;
  /** What Enter or leaving the box does with text that matches no option (e.g. add a guest email). */
  readonly fromText?: (text: string) => Choice | undefined;
  readonly onBlur?: () => void;
}

export class Picker {
  readonly root: HTMLDivElement;
  readonly input: HTMLInputElement;
  readonly errorNode: HTMLDivElement;
  /** Says that a search failed (announced politely; cleared by the next query). */
  private readonly searchStatus: HTMLDivElement;
  private readonly chips: HTMLUListElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLDivElement;
  private items: Choice[] = [];
  private chipsKey = '';
  private active = -1;
  private open = false;

  constructor(private readonly config: PickerConfig) {
    const { id } = config;
    this.input = el('input', {
      id,
      type: 'text',
      class: 'input combo-input',
      role: 'combobox',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${id}-list`,
      'aria-describedby': `${id}-help ${id}-error`,
    });
    this.chips = el('ul', { class: 'chips', id: `${id}-chips`, 'aria-label': config.selectedLabel });
    this.list = el('ul', { class: 'listbox', id: `${id}-list`, role: 'listbox', 'aria-label': config.listLabel, hidden: true });
    this.empty = el('div', { class: 'listbox-empty', hidden: true }, config.noMatches);
    this.errorNode = el('div', { class: 'error', id: `${id}-error`, hidden: true });
    this.searchStatus = el('div', { class: 'help search-failed', id: `${id}-search`, role: 'status', hidden: true });
    this.root = el(
      'div',
      { class: 'field', 'data-field': id },
      el('label', { for: id, class: 'label' }, config.label),
      el('div', { class: 'combo' }, this.chips, this.input, this.list, this.empty),
      el('div', { class: 'help', id: `${id}-help` }, config.help),
      this.searchStatus,
      this.errorNode,
    );
    this.wire();
  }

  private wire(): void {
    this.input.addEventListener('input', () => {
      this.showSearchFailure(undefined);
      this.config.onQuery?.(this.input.value);
      this.show();
    });
    this.input.addEventListener('focus', () => this.show());
    this.input.addEventListener('click', () => this.show());
    this.input.addEventListener('blur', () => {
      this.hide();
      const choice = this.config.fromText?.(this.input.value);
      if (choice !== undefined) this.choose(choice, false);
      this.config.onBlur?.();
    });
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    // Keep focus in the text box while an option is clicked.
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', (event) => {
      const option = (event.target as Element).closest('[role="option"]');
      const index = option === null ? -1 : Number(option.getAttribute('data-index'));
      const choice = this.items[index];
      if (choice !== undefined) this.choose(choice, true);
    });
  }

  private onKey(event: KeyboardEvent): void {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open) this.show();
        this.move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!this.open) this.show();
        this.move(-1);
        break;
      case 'Home':
      case 'End':
        if (this.open && this.items.length > 0 && this.active >= 0) {
          event.preventDefault();
          this.setActive(event.key === 'Home' ? 0 : this.items.length - 1);
        }
        break;
      case 'Enter': {
        // Never submits the form from here.
        event.preventDefault();
        const choice = this.items[this.active] ?? this.config.fromText?.(this.input.value) ??
          (this.input.value.trim() !== '' && this.items.length === 1 ? this.items[0] : undefined);
        if (choice !== undefined) this.choose(choice, true);
        break;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          event.stopPropagation();
          this.hide();
        } else if (this.input.value !== '') {
          event.preventDefault();
          this.input.value = '';
          this.config.onQuery?.('');
        }
        break;
      case 'Backspace': {
        if (this.input.value === '' && this.input.selectionStart === 0) {
          const last = this.config.chosen().at(-1);
          if (last !== undefined) {
            event.preventDefault();
            this.config.onRemove(last);
          }
        }
        break;
      }
      default:
        break;
    }
  }

  private choose(choice: Choice, keepOpen: boolean): void {
    this.input.value = '';
    this.config.onAdd(choice);
    this.config.onQuery?.('');
    if (keepOpen && document.activeElement === this.input) this.show();
    else this.hide();
  }

  private move(delta: number): void {
    if (this.items.length === 0) return;
    const next = this.active < 0 ? (delta > 0 ? 0 : this.items.length - 1) : (this.active + delta + this.items.length) % this.items.length;
    this.setActive(next);
  }

  private setActive(index: number): void {
    this.active = index;
    const options = this.list.querySelectorAll('[role="option"]');
    options.forEach((option, i) => {
      option.setAttribute('aria-selected', i === index ? 'true' : 'false');
      option.classList.toggle('active', i === index);
    });
    const current = options[index];
    setAttr(this.input, 'aria-activedescendant', current?.id);
    current?.scrollIntoView({ block: 'nearest' });
  }

  /** Opens the list with the current suggestions. */
  show(): void {
    this.open = true;
    this.renderList();
  }

  hide(): void {
    this.open = false;
    this.active = -1;
    this.list.hidden = true;
    this.empty.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Shows why a search failed under the field, or clears it (undefined). Text, never markup. */
  showSearchFailure(message: string | undefined): void {
    this.searchStatus.textContent = message ?? '';
    this.searchStatus.hidden = message === undefined;
  }

  /** Re-reads suggestions (e.g. after search results arrived) when the list is open. */
  refreshList(): void {
    if (this.open) this.renderList();
  }

  private renderList(): void {
    const previous = this.items[this.active];
    this.items = this.config.suggestions(this.input.value);
    clear(this.list);
    this.items.forEach((choice, index) => {
      this.list.appendChild(
        el(
          'li',
          { role: 'option', id: `${this.config.id}-option-${index}`, class: 'option', 'data-index': index, 'aria-selected': 'false' },
          el('span', { class: 'option-label' }, choice.label),
          choice.detail === undefined ? null : el('span', { class: 'option-detail' }, choice.detail),
        ),
      );
    });
    const hasItems = this.items.length > 0;
    this.list.hidden = !hasItems;
    this.empty.hidden = hasItems || this.input.value.trim() === '';
    this.input.setAttribute('aria-expanded', hasItems ? 'true' : 'false');
    const keep = previous === undefined ? -1 : this.items.findIndex((c) => c.kind === previous.kind && c.value === previous.value);
    if (keep >= 0) this.setActive(keep);
    else {
      this.active = -1;
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  /** Draws the chosen items as chips. */
  renderChips(): void {
    const chosen = this.config.chosen();
    // Redraw only on change: a redraw between mousedown and mouseup would swallow a click on a chip.
    const key = JSON.stringify(chosen.map((c) => [c.kind, c.value, c.label]));
    if (key === this.chipsKey) {
      if (this.open) this.renderList();
      return;
    }
    this.chipsKey = key;
    clear(this.chips);
    for (const choice of chosen) {
      const remove = el('button', { type: 'button', class: 'chip-remove', 'aria-label': this.config.removeLabel(choice.label), title: this.config.removeLabel(choice.label) }, '×');
      remove.addEventListener('click', () => {
        this.config.onRemove(choice);
        this.input.focus();
      });
      this.chips.appendChild(
        el('li', { class: `chip chip-${choice.kind}` }, el('span', { class: 'chip-label' }, choice.label), remove),
      );
    }
    this.chips.hidden = chosen.length === 0;
    if (this.open) this.renderList();
  }

  setError(messages: readonly string[] | undefined): void {
    const text = messages?.join(' ') ?? '';
    setText(this.errorNode, text);
    this.errorNode.hidden = text === '';
    setAttr(this.input, 'aria-invalid', text === '' ? undefined : 'true');
  }
}
