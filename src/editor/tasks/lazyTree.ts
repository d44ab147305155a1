// A tree view's data that loads on first use: the view is registered at start-up (so VS Code shows its
// welcome content and keeps its place), and its real provider loads when VS Code first asks for rows.
import * as vscode from 'vscode';

export class LazyTreeData<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private provider: vscode.TreeDataProvider<T> | undefined;
  private subscription: vscode.Disposable | undefined;
  /** Calls of getChildren waiting for the provider to load. */
  private waiting = 0;

  /** `load` starts what attaches the provider; it is called when VS Code first asks for rows. */
  constructor(private readonly load: () => Promise<unknown>) {}

  /**
   * Gives the view its provider and shows its rows: VS Code is told to ask for them again unless it is
   * waiting for them already (a refresh told for nothing holds the next one back by 200 ms).
   */
  attach(provider: vscode.TreeDataProvider<T>): void {
    this.provider = provider;
    this.subscription = provider.onDidChangeTreeData?.((node) => this.changed.fire(node));
    if (this.waiting === 0) this.changed.fire();
  }

  async getChildren(node?: T): Promise<T[]> {
    if (this.provider === undefined) {
      this.waiting++;
      try {
        await this.load();
      } finally {
        this.waiting--;
      }
    }
    const children = await this.provider?.getChildren(node);
    return children ?? [];
  }

  /** Asked only for nodes from `getChildren`, so the provider is there. */
  getTreeItem(node: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (this.provider === undefined) throw new Error('The view has no data yet.');
    return this.provider.getTreeItem(node);
  }

  getParent(node: T): vscode.ProviderResult<T> {
    return this.provider?.getParent?.(node);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
