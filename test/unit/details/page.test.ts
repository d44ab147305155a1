// The built "Tallyfy task" page in headless Chromium under its real CSP, with a stub `acquireVsCodeApi`:
// hostile markup in the title, the description and the comments stays text or is dropped and runs
// nothing; links keep only safe addresses; paragraphs and breaks give lines; `unavailable` leaves nothing
// of the task; "Add comment" posts once, keeps the text when it fails and clears it when posted; the text
// typed survives a reload. Then the reading of Tallyfy's HTML itself (richText, plainText) on a blank
// page. Skipped where Chromium is missing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { DETAILS_READY_MARK, type DetailsInit, type FromDetailsMessage, type TaskView } from '../../../src/core/details/protocol';
import { ENGLISH } from './english';
import { ENGLISH as FORM_ENGLISH } from '../form/english';
import { bundlePage, launchChromium, openPage, postedBy, sendTo, until } from '../webviewPage';

const ORIGIN = 'https://details.test';
const HOSTILE_TITLE = 'Fix <img src=x onerror="window.__pwned=1"> refunds <script>window.__pwned=2</script>';

const DESCRIPTION = [
  '<style>body { display: none }</style>',
  '<p onclick="window.__pwned=3" style="color:red">First paragraph with <b>bold</b> text.</p>',
  '<p>Second paragraph,<br>its second line.</p>',
  '<img src=x onerror="window.__pwned=4" alt="a chart"> ',
  '<script>window.__pwned=5</script>',
  '<a href="javascript:window.__pwned=6">not a link</a>',
  '<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
  '<template><img src=x onerror="window.__pwned=8"></template>',
  '<!-- a comment -->',
].join('');

const COMMENT_HTML = [
  '<p>See <a href="https://example.com/docs?a=1&amp;b=2" onclick="window.__pwned=9" target="_blank">the docs</a>',
  ' and <a href="javascript:alert(1)">this</a>.</p>',
  '<ul><li>one</li><li>two</li></ul>',
  '<svg onload="window.__pwned=10"><text>svg text</text></svg>',
  '<object data="x"></object><noscript>no script</noscript>',
].join('');

const TASK: TaskView = {
  id: 'task-1',
  title: HOSTILE_TITLE,
  status: 'Open',
  state: 'open',
  taskType: 'Task',
  deadline: '3 June 2030, in 2 days',
  assignees: ['Ada Lovelace', 'Alan <u>Turing</u>'],
  tags: ['backend'],
  process: 'Onboarding <i>run</i>',
  description: DESCRIPTION,
  fields: [
    { label: 'Customer', type: 'text', about: 'Short text', value: 'ACME <b>Ltd</b>', required: true },
    { label: 'Notes', type: 'textarea', about: '', value: '', required: false },
    { label: 'Environment', type: 'dropdown', about: 'Dropdown list · Options: Staging, <b>Prod</b>', value: '', required: false },
  ],
  comments: [
    { id: 'c1', author: 'Grace Hopper', at: '1 June 2030, 10:00', html: COMMENT_HTML },
    { id: 'c2', author: '#42', at: '', html: 'Second <em>comment</em>' },
  ],
  loadedAt: '10:05',
  edit: {
    kind: 'one-off',
    editable: 'open',
    lastUpdated: '2030-06-01T10:00:00Z',
    title: HOSTILE_TITLE,
    deadline: '2030-06-03T17:00:00Z',
    owners: { users: [1001], groups: [], guests: [] },
    named: { members: [{ id: 1001, name: 'Ada Lovelace' }], groups: [] },
  },
};

// What the CSP refuses in a document parsed from Tallyfy's HTML: its inline styles and (Chromium 156 on,
// as the attributes are parsed) its inline event handlers. Refused, and dropped by the reader anyway.
const INLINE_STYLE_REFUSED = "Applying inline style violates the following Content Security Policy directive 'style-src";
const INLINE_HANDLER_REFUSED = "Executing inline event handler violates the following Content Security Policy directive 'script-src";

const INIT: DetailsInit = { type: 'init', taskId: 'task-1', strings: ENGLISH, form: FORM_ENGLISH, locale: 'en' };

describe('task details page in a browser', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let bundle = '';
  let page: Page;
  let errors: string[];
  let refusedStyles: number;

  before(async function () {
    bundle = await bundlePage('src/webview/details/main.ts');
    browser = await launchChromium('the page');
  });

  after(async () => {
    await browser?.close();
  });

  async function open(init: DetailsInit = INIT): Promise<Page> {
    assert.ok(browser);
    const opened = await openPage(
      browser,
      { origin: ORIGIN, bundle, script: 'details.js', style: 'details.css', strings: ENGLISH, init, consoleErrors: true },
      (p) => p.getByRole('heading', { name: ENGLISH.heading, exact: true }).waitFor(),
    );
    // What goes wrong after the page is up (a script run, a load the CSP refused) is kept too. The reports
    // expected: parsing Tallyfy's HTML (in a document that takes the page's CSP) meets its `style`
    // attributes, `<style>` elements and `on…` attributes, and the CSP refuses them.
    opened.on('pageerror', (error) => errors.push(error.message));
    opened.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (message.text().startsWith(INLINE_STYLE_REFUSED)) refusedStyles++;
      else if (!message.text().startsWith(INLINE_HANDLER_REFUSED)) errors.push(message.text());
    });
    return opened;
  }

  const posted = (p: Page = page): Promise<FromDetailsMessage[]> => postedBy<FromDetailsMessage>(p);
  const comments = async (p: Page = page): Promise<FromDetailsMessage[]> => (await posted(p)).filter((m) => m.type === 'comment');
  const send = (message: unknown, p: Page = page): Promise<void> => sendTo(p, message);
  const title = (p: Page = page) => p.getByRole('heading', { name: HOSTILE_TITLE, exact: true });
  const box = (p: Page = page) => p.getByLabel('Comment', { exact: true });
  const add = (p: Page = page) => p.getByRole('button', { name: 'Add comment', exact: true });
  async function showTask(task: TaskView = TASK, p: Page = page): Promise<void> {
    await send({ type: 'details', details: { state: 'ready', task } }, p);
    await p.getByRole('heading', { name: task.title, exact: true }).waitFor();
  }

  beforeEach(async () => {
    errors = [];
    refusedStyles = 0;
    page = await open();
  });

  afterEach(async () => {
    await page?.close();
    assert.deepEqual(errors, []);
  });

  it('says ready, then shows the task: title, facts, description, fields and comments', async () => {
    assert.deepEqual((await posted())[0], { type: 'ready' });
    await send({ type: 'details', details: { state: 'loading' } });
    await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
    await showTask();
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'only the title is the page heading');
    const facts = await page.locator('.facts').evaluate((dl) => [...dl.children].map((child) => `${child.localName}:${child.textContent}`));
    assert.deepEqual(facts, [
      'dt:Status', 'dd:Open',
      'dt:Task type', 'dd:Task',
      'dt:Deadline', 'dd:3 June 2030, in 2 days',
      'dt:Assignees', 'dd:Ada Lovelace, Alan <u>Turing</u>',
      'dt:Tags', 'dd:backend',
      'dt:Process', 'dd:Onboarding <i>run</i>',
    ]);
    assert.equal(await page.locator('.facts .badge.state-open').textContent(), 'Open');
    for (const name of ['Description', 'Form fields', 'Comments']) assert.equal(await page.getByRole('heading', { level: 2, name, exact: true }).count(), 1, name);
    const fields = await page.locator('.fields').evaluate((dl) => [...dl.children].map((child) => child.textContent));
    assert.deepEqual(fields, [
      'Customerrequired', 'ACME <b>Ltd</b>', 'Short text',
      'Notes', 'Not filled in yet',
      'Environment', 'Not filled in yet', 'Dropdown list · Options: Staging, <b>Prod</b>',
    ]);
    // What a field is sits under its value, in the values' column.
    const about = page.locator('.fields .field-about').last();
    const value = page.locator('.fields dd').filter({ hasText: 'ACME' });
    assert.equal(await about.evaluate((node) => getComputedStyle(node).gridColumnStart), '2');
    assert.equal((await about.boundingBox())?.x, (await value.boundingBox())?.x);
    assert.deepEqual(await page.locator('.comment-by').allTextContents(), ['Grace Hopper, 1 June 2030, 10:00', '#42']);
    assert.equal(await page.getByText('Read from Tallyfy at 10:05').isVisible(), true);
    assert.equal(await page.getByRole('status').filter({ hasText: 'Loading…' }).count(), 0);
    assert.equal(await box().isVisible(), true);
    assert.equal(await page.evaluate((mark) => performance.getEntriesByName(mark).length, DETAILS_READY_MARK), 1);
    await showTask({ ...TASK, title: 'Refreshed' });
    assert.equal(await page.evaluate((mark) => performance.getEntriesByName(mark).length, DETAILS_READY_MARK), 1, 'only the first showing marks');
  });

  it('keeps hostile markup as text or drops it, and runs none of it', async () => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await showTask();
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.ok(refusedStyles > 0, 'the CSP refused the inline styles of the parsed HTML (and nothing else went wrong: see afterEach)');
    const app = page.locator('#app');
    for (const tag of ['img', 'script', 'style', 'iframe', 'template', 'object', 'svg', 'noscript', 'b', 'i', 'u', 'em']) {
      assert.equal(await app.locator(tag).count(), 0, tag);
    }
    assert.equal(await title().textContent(), HOSTILE_TITLE);
    assert.equal(await page.getByText('Alan <u>Turing</u>').count(), 1);
    // Attributes of the input never come through: no handler, no style, no target.
    const attributes = await app.evaluate((root) => [...root.querySelectorAll('.rich *')].flatMap((node) => [...node.attributes].map((a) => `${node.localName}[${a.name}]`)));
    assert.deepEqual([...new Set(attributes)].sort(), ['a[href]', 'a[title]', 'p[class]']);
    const description = page.locator('.description-text');
    assert.equal(await description.getByText('not a link').count(), 1);
    assert.equal(await description.locator('a').count(), 0, 'javascript: is not a link');
    assert.equal(await description.getByText('a chart').count(), 1, 'an image is its alt text');
    assert.equal(await page.isVisible('body'), true, 'the style sheet in the description is not applied');
    assert.deepEqual(requests.filter((url) => !url.startsWith(`${ORIGIN}/`)), []);
    assert.deepEqual(requests.filter((url) => url.endsWith('/x')), [], 'no image was fetched');
  });

  it('shows links with a safe address as links, and the others as text', async () => {
    await showTask();
    const links = await page.locator('#app a').evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute('href')]));
    assert.deepEqual(links, [['the docs', 'https://example.com/docs?a=1&b=2']]);
    const first = page.locator('.comment').first();
    assert.equal(await first.getByRole('link', { name: 'the docs' }).count(), 1);
    assert.equal(await first.getByRole('link', { name: 'this' }).count(), 0);
  });

  it('gives paragraphs, line breaks and list items their own lines', async () => {
    await showTask();
    const lines = await page.locator('.description-text p').evaluateAll((ps) => ps.map((p) => [(p as HTMLElement).innerText, p.classList.contains('gap')]));
    assert.deepEqual(lines, [
      ['First paragraph with bold text.', false],
      ['Second paragraph,\nits second line.', true],
      ['a chart not a link', true],
    ]);
    const comment = await page.locator('.comment').first().locator('.rich p').allInnerTexts();
    assert.deepEqual(comment, ['See the docs and this.', '• one', '• two'], 'the svg, the object and the noscript are dropped');
  });

  it('says when there is no description, no field and no comment', async () => {
    const { process: _process, ...withoutProcess } = TASK;
    await showTask({ ...withoutProcess, title: 'Bare', description: '<p> </p><br>', fields: [], comments: [], tags: [], assignees: [], deadline: '' });
    assert.equal(await page.getByText('No description.').isVisible(), true);
    assert.equal(await page.getByRole('heading', { name: 'Form fields' }).isVisible(), false);
    assert.equal(await page.getByText('No comments yet.').isVisible(), true);
    const facts = await page.locator('.facts dt').allTextContents();
    assert.deepEqual(facts, ['Status', 'Task type', 'Assignees']);
    assert.equal(await page.locator('.facts dd').nth(2).textContent(), 'Nobody');
  });

  it('keeps the task shown and busy while it loads again', async () => {
    await showTask();
    await send({ type: 'details', details: { state: 'loading' } });
    await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
    assert.equal(await title().isVisible(), true);
    assert.equal(await page.locator('article.task').getAttribute('aria-busy'), 'true');
    await showTask({ ...TASK, title: 'Read again' });
    assert.equal(await page.locator('article.task').getAttribute('aria-busy'), null);
  });

  it('shows only the message when the task is unavailable, with Sign In when it helps', async () => {
    await showTask();
    await box().fill('kept for later');
    await send({ type: 'details', details: { state: 'unavailable', message: 'Sign in to Tallyfy to see this task.', signIn: true } });
    await page.getByRole('alert').filter({ hasText: 'Sign in to Tallyfy to see this task.' }).waitFor();
    assert.equal(await title().count(), 0);
    assert.equal(await page.getByText('Grace Hopper', { exact: false }).count(), 0);
    assert.equal(await page.getByText('Read from Tallyfy at').isVisible(), false);
    assert.equal(await box().isVisible(), false);
    assert.equal(await page.getByRole('heading', { level: 1, name: ENGLISH.unavailable }).isVisible(), true);
    await page.getByRole('button', { name: 'Sign In' }).click();
    assert.equal((await posted()).at(-1)?.type, 'signIn');
    await send({ type: 'details', details: { state: 'unavailable', message: 'Tallyfy refused.', signIn: false } });
    await page.getByRole('alert').filter({ hasText: 'Tallyfy refused.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign In' }).isVisible(), false);
    await showTask();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Tallyfy refused.' }).count(), 0);
    assert.equal(await box().inputValue(), 'kept for later');
  });

  it('posts Refresh and Open in Tallyfy', async () => {
    await showTask();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.getByRole('button', { name: 'Open in Tallyfy', exact: true }).click();
    assert.deepEqual((await posted()).slice(-2), [{ type: 'refresh' }, { type: 'openInTallyfy' }]);
  });

  it('drops invalid messages', async () => {
    await showTask();
    await send({ type: 'details', details: { state: 'ready', task: { ...TASK, title: 'Broken', state: 'weird' } } });
    await send({ type: 'details', details: { state: 'unavailable' } });
    await send({ type: 'comment', comment: { state: 'posted', extra: 1 } });
    await send({ type: 'somethingElse' });
    await send('details');
    // Messages are handled in order: once a valid one shows, the invalid ones before it were handled.
    await showTask({ ...TASK, title: 'Valid again' });
    assert.equal(await page.getByRole('heading', { name: 'Broken' }).count(), 0);
    assert.equal(await page.getByRole('alert').isVisible(), false);
  });

  it('posts a comment once, even clicked twice or while posting, and clears it when posted', async () => {
    await showTask();
    await box().fill('  Looks good to me.  ');
    await add().evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    assert.deepEqual(await comments(), [{ type: 'comment', content: 'Looks good to me.' }]);
    assert.equal(await add().isDisabled(), true);
    await send({ type: 'comment', comment: { state: 'posting' } });
    await page.getByRole('status').filter({ hasText: ENGLISH.posting }).waitFor();
    await add().click({ force: true });
    await box().press('Control+Enter');
    assert.equal((await comments()).length, 1, 'nothing more is sent while posting');
    await send({ type: 'comment', comment: { state: 'posted' } });
    await page.getByRole('status').filter({ hasText: ENGLISH.posted }).waitFor();
    assert.equal(await box().inputValue(), '');
    assert.equal(await add().isEnabled(), true);
    const state = JSON.parse((await page.evaluate(() => sessionStorage.getItem('state'))) ?? 'null') as Record<string, unknown>;
    assert.deepEqual(state, { taskId: 'task-1', draft: '' });
  });

  it('keeps the text with the message when posting fails, and posts it again on request', async () => {
    await showTask();
    await box().fill('Please check the refund.');
    await add().click();
    await send({ type: 'comment', comment: { state: 'posting' } });
    await send({ type: 'comment', comment: { state: 'failed', message: 'Tallyfy said <b>no</b>.' } });
    await page.getByText('Tallyfy said <b>no</b>.').waitFor();
    assert.equal(await box().inputValue(), 'Please check the refund.');
    assert.equal(await box().getAttribute('aria-invalid'), 'true');
    const described = await box().evaluate((node) => document.getElementById(node.getAttribute('aria-describedby') ?? '')?.textContent);
    assert.equal(described, 'Tallyfy said <b>no</b>.');
    assert.equal(await add().isEnabled(), true);
    await add().click();
    assert.deepEqual(await comments(), [
      { type: 'comment', content: 'Please check the refund.' },
      { type: 'comment', content: 'Please check the refund.' },
    ]);
    await send({ type: 'comment', comment: { state: 'unknown', message: 'It may have been posted: refresh to check.' } });
    await page.getByText('It may have been posted: refresh to check.').waitFor();
    assert.equal(await box().inputValue(), 'Please check the refund.');
    assert.equal(await box().getAttribute('aria-invalid'), null);
    assert.equal(await add().isEnabled(), true);
  });

  it('posts nothing for a blank comment and says so at the field', async () => {
    await showTask();
    await box().fill('   \n  ');
    await add().click();
    assert.deepEqual(await comments(), []);
    assert.equal(await box().getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#comment-message').textContent(), ENGLISH.required);
    await box().fill('Now with text');
    assert.equal(await box().getAttribute('aria-invalid'), null);
    await box().press('Control+Enter');
    await box().press('Control+Enter');
    assert.deepEqual(await comments(), [{ type: 'comment', content: 'Now with text' }], 'once, before the extension answers too');
  });

  it('keeps the comment being typed across a reload', async () => {
    await showTask();
    await box().fill('Half a thought');
    await page.reload();
    await page.getByRole('heading', { name: ENGLISH.heading, exact: true }).waitFor();
    await showTask();
    assert.equal(await box().inputValue(), 'Half a thought');
    assert.equal((await posted()).filter((m) => m.type === 'ready').length, 1, 'the new page said ready');
    // After a pause, without leaving the page, it is kept too.
    await box().fill('A whole thought');
    await until(async () => ((await page.evaluate(() => sessionStorage.getItem('state'))) ?? '').includes('A whole thought'));
  });

  it('drops a draft kept for another task', async () => {
    await page.evaluate(() => sessionStorage.setItem('state', JSON.stringify({ taskId: 'task-0', draft: 'for another task' })));
    await page.reload();
    await page.getByRole('heading', { name: ENGLISH.heading, exact: true }).waitFor();
    await showTask();
    assert.equal(await box().inputValue(), '');
  });
});

describe('reading Tallyfy HTML as text', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    const built = await esbuild.build({
      stdin: {
        contents: "import { plainText, richText } from './src/webview/details/richText'; Object.assign(window, { __rich: { plainText, richText } });",
        resolveDir: join(__dirname, '..', '..', '..'),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      target: 'chrome120',
      logLevel: 'silent',
    });
    browser = await launchChromium('the page');
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: built.outputFiles[0]?.text ?? '' });
  });

  after(async () => {
    await browser?.close();
  });

  type Rich = { plainText(html: string, doc: Document): string; richText(html: string, doc: Document): DocumentFragment };
  const plain = (html: string): Promise<string> =>
    page.evaluate((h) => (window as unknown as { __rich: Rich }).__rich.plainText(h, document), html);
  /** The nodes made, as markup (to see that only p, br and a with the page's own attributes come out). */
  const made = (html: string): Promise<string> =>
    page.evaluate((h) => {
      const div = document.createElement('div');
      div.appendChild((window as unknown as { __rich: Rich }).__rich.richText(h, document));
      return div.innerHTML;
    }, html);

  it('collapses whitespace as a browser shows normal text', async () => {
    assert.equal(await plain('  Hello \n\t  <b> big </b>  world  '), 'Hello big world');
    assert.equal(await plain('a<span> </span> <span> b</span>'), 'a b');
    assert.equal(await plain(''), '');
    assert.equal(await plain('   '), '');
  });

  it('breaks lines and paragraphs at blocks and breaks', async () => {
    assert.equal(await plain('<p>One</p><p>Two<br>  three</p>'), 'One\n\nTwo\nthree');
    assert.equal(await plain('<div>a</div><div>b</div>'), 'a\nb');
    assert.equal(await plain('<h2>Title</h2>text'), 'Title\n\ntext');
    assert.equal(await plain('one<br><br>two<br>'), 'one\n\ntwo');
    assert.equal(await plain('<p></p><p><br></p><p>only</p>'), 'only');
    assert.equal(await plain('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>'), 'a · b\nc');
    assert.equal(await plain('<pre>  keep\n    this</pre>after'), '  keep\n    this\n\nafter');
    assert.equal(await plain('<blockquote>quoted</blockquote>'), 'quoted');
    assert.equal(
      await made('<h3>Head</h3><blockquote><p>q1</p>q2</blockquote><pre>a  b\n c\n</pre>d'),
      '<p class="rich-line heading-line">Head</p><p class="rich-line gap quote">q1</p><p class="rich-line gap quote">q2</p>'
        + '<p class="rich-line gap pre">a  b\n c</p><p class="rich-line gap">d</p>',
    );
  });

  it('puts a bullet before each list item, nested ones too', async () => {
    assert.equal(await plain('<ul><li>one</li><li><p>two</p></li><li></li></ul>'), '• one\n• two');
    assert.equal(await plain('<ol><li>a<ul><li>b</li></ul></li></ol>'), '• a\n• b');
    assert.match(await made('<ul><li>a<ul><li>b</li></ul></li></ul>'), /<p class="rich-line indent-1">• a<\/p><p class="rich-line indent-2">• b<\/p>/);
  });

  it('drops scripts, styles, templates, frames, objects and comments, and shows images as their alt text', async () => {
    const html = 'a<script>x()</script><style>p{}</style><template>t</template><noscript>n</noscript><iframe>i</iframe><object>o</object><!-- c -->b<img alt=" pic " src=x><img src=y>c';
    assert.equal(await plain(html), 'ab pic c');
  });

  it('makes links only of absolute http, https and mailto addresses', async () => {
    assert.equal(await made('<a href="https://example.com/a b">x</a>'), '<p class="rich-line"><a href="https://example.com/a%20b" title="https://example.com/a%20b">x</a></p>');
    assert.equal(await made('<a href="mailto:ada@example.com">mail</a>'), '<p class="rich-line"><a href="mailto:ada@example.com" title="mailto:ada@example.com">mail</a></p>');
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', '/relative', 'example.com', 'vbscript:x', 'file:///etc/passwd']) {
      assert.equal(await made(`<a href="${href}">text</a>`), '<p class="rich-line">text</p>', href);
    }
    assert.equal(await plain('see <a href="https://e.com/"> the <b>site</b> </a>now'), 'see the site now');
    assert.equal(await plain('<a href="https://e.com/"><img src=x></a>'), 'https://e.com/');
  });

  it('copies no element or attribute of the input', async () => {
    const out = await made('<p class="evil" id="x" style="color:red" onclick="x()">a <span data-x=1>b</span> <a href="https://e.com/" class="c" rel="opener" target="_top" onmouseover="x()">c</a><form action="https://e.com"><input value=v></form><svg><a href="https://e.com/svg">s</a></svg></p>');
    assert.equal(out, '<p class="rich-line">a b <a href="https://e.com/" title="https://e.com/">c</a></p>');
  });
});
